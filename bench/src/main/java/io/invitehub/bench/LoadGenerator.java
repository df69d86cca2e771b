package io.invitehub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The redemption and read phases' closed-loop clients (issue 17: "run the load generator as a separate process so the
 * figure is the server's"; reads since ADR 81). By default they run in a child JVM the bench spawns, one per phase — same java binary and class path, so the
 * same user namespace under {@code ./invitehub}; {@code BenchMain loadgen <file>} — and the service JVM's CPU is the
 * server's own. {@code --in-process-load} runs the same load in the bench JVM for comparison.
 *
 * <p>A load is a sequence of {@link Stage}s run by the same clients one after the other, each with its own codes:
 * the bench's are a discarded warm-up, the measured window and a window beside the notify load (ADR 67). The
 * protocol: the bench writes a {@link Spec} file (owner-only: it holds live codes), the child reads it and, for each
 * stage, prints {@code started <stage>} just before the stage's first request and one {@code result <stage> k=v …}
 * line after its last answer (counts, latency percentiles in nanoseconds, the answers over 5 and over 10 ms — version 4,
 * issue 17: beside the service's timer buckets — and its own CPU over the stage), then exits 0.
 * Any other stdout line is passed on to the bench's output; the child's stderr is the bench's.
 */
final class LoadGenerator {
    static final String MAGIC = "invitehub-loadgen 4";
    static final String POST = "post";
    static final String GET = "get";
    /** A read GET's answer is awaited this long (as the bench's in-process reads did). */
    static final Duration GET_TIMEOUT = Duration.ofSeconds(30);
    static final String STARTED = "started";
    static final String RESULT = "result";
    /** The child's heap: the codes and e-mails (at most a few hundred thousand pairs) and the latency samples. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration AFTER_THE_LOAD = Duration.ofMinutes(2);
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]*");

    private LoadGenerator() {
    }

    /** One code and the e-mail that redeems it. */
    record Redemption(String code, String email) {
        Redemption {
            if (code.isEmpty() || email.isEmpty() || (code + email).chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
                throw new IllegalArgumentException("a load redemption holds no blank, quote or backslash: " + code + " " + email);
            }
        }

        String json() {
            return "{\"code\":\"" + code + "\",\"email\":\"" + email + "\"}";
        }
    }

    /**
     * One GET the read stages send: {@code target} (absolute http URI) with {@code headers} (the read routes' bearer token,
     * a cookie); the spec file is owner-only, so a token in it is as safe as the live codes beside it.
     */
    record Get(URI target, Map<String, String> headers) {
        private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]+");

        Get {
            if (!target.isAbsolute() || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))
                    || target.toString().chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("a load GET has an absolute http URI without blanks: " + target);
            }
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (!HEADER_NAME.matcher(h.getKey()).matches() || h.getValue().isEmpty()
                        || h.getValue().chars().anyMatch(c -> c < ' ' || c == 127)) {
                    throw new IllegalArgumentException("a load GET's header is a name of [A-Za-z0-9-] and a one-line value: " + h.getKey());
                }
            }
        }

        HttpRequest request() {
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(GET_TIMEOUT).GET();
            headers.forEach(b::header);
            return b.build();
        }
    }

    /** What a stage sends: redemption POSTs, each once, or GETs round-robin up to a count. */
    sealed interface Requests permits Posts, Gets {
        /** Requests the stage sends at most. */
        long count();
    }

    /** {@code POST target} with each of {@code redemptions} once (the redemption phases). */
    record Posts(URI target, List<Redemption> redemptions) implements Requests {
        Posts {
            redemptions = List.copyOf(redemptions);
        }

        @Override
        public long count() {
            return redemptions.size();
        }
    }

    /** {@code count} GETs, request n being {@code gets[n mod gets.size()]} (a read route, or the read warm-up's round-robin). */
    record Gets(List<Get> gets, long count) implements Requests {
        Gets {
            gets = List.copyOf(gets);
            if (gets.isEmpty() || count < 0) {
                throw new IllegalArgumentException("a GET stage has at least one target and a count of at least 0");
            }
        }
    }

    /**
     * One stage of the load: its {@code requests} from the spec's clients, for at most {@code duration}. {@code label}
     * names it in the protocol (lower case, digits, dashes), {@code name} in the figures.
     */
    record Stage(String label, String name, Duration duration, Requests requests) {
        Stage {
            if (!LABEL.matcher(label).matches() || name.isBlank() || name.contains("\n") || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a load stage has a label of [a-z0-9-], a one-line name and a positive duration: "
                        + label + " / " + name + " / " + duration);
            }
        }

        /** A redemption stage: {@code POST target} with each of {@code redemptions} once. */
        Stage(String label, String name, Duration duration, URI target, List<Redemption> redemptions) {
            this(label, name, duration, new Posts(target, redemptions));
        }

        /** The redemptions of a POST stage; none for a GET stage. */
        List<Redemption> redemptions() {
            return requests instanceof Posts p ? p.redemptions() : List.of();
        }
    }

    /** What to run: the stages in order, from {@code clients} closed loops. */
    record Spec(int clients, List<Stage> stages) {
        Spec {
            stages = List.copyOf(stages);
            if (clients < 1 || stages.isEmpty() || stages.stream().map(Stage::label).distinct().count() != stages.size()) {
                throw new IllegalArgumentException("a load has at least one client and one stage, each label once");
            }
        }

        void write(Writer w) throws IOException {
            w.write(MAGIC + "\n");
            w.write("clients " + clients + "\n");
            w.write("stages " + stages.size() + "\n");
            for (Stage s : stages) {
                String kind = s.requests() instanceof Posts ? POST : GET;
                w.write("stage " + s.label() + " " + kind + " " + s.duration().toMillis() + " " + s.requests().count() + " " + s.name() + "\n");
                if (s.requests() instanceof Posts p) {
                    w.write("target " + p.target() + "\n");
                    for (Redemption r : p.redemptions()) {
                        w.write(r.code() + "\t" + r.email() + "\n");
                    }
                } else if (s.requests() instanceof Gets g) {
                    w.write("targets " + g.gets().size() + "\n");
                    for (Get get : g.gets()) {
                        w.write("get " + get.headers().size() + " " + get.target() + "\n");
                        for (Map.Entry<String, String> h : get.headers().entrySet()) {
                            w.write(h.getKey() + ": " + h.getValue() + "\n");
                        }
                    }
                }
            }
        }

        static Spec read(BufferedReader in) throws IOException {
            if (!MAGIC.equals(in.readLine())) {
                throw new IllegalArgumentException("not a load generator file (its first line must be '" + MAGIC + "')");
            }
            int clients = Integer.parseInt(field(in, "clients"));
            int count = Integer.parseInt(field(in, "stages"));
            List<Stage> stages = new ArrayList<>(count);
            for (int s = 0; s < count; s++) {
                String[] head = field(in, "stage").split(" ", 5);
                if (head.length != 5 || !(head[1].equals(POST) || head[1].equals(GET))) {
                    throw new IllegalArgumentException("load generator file: stage " + (s + 1) + " needs '<label> post|get <millis> <count> <name>'");
                }
                long size = Long.parseLong(head[3]);
                Requests requests = head[1].equals(POST) ? posts(in, head[0], size) : gets(in, head[0], size);
                stages.add(new Stage(head[0], head[4], Duration.ofMillis(Long.parseLong(head[2])), requests));
            }
            return new Spec(clients, stages);
        }

        private static Posts posts(BufferedReader in, String label, long size) throws IOException {
            URI target = URI.create(field(in, "target"));
            List<Redemption> redemptions = new ArrayList<>((int) Math.min(size, 1_000_000));
            for (long i = 0; i < size; i++) {
                String line = in.readLine();
                int tab = line == null ? -1 : line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalArgumentException("load generator file: stage " + label + ": redemption " + (i + 1) + " of "
                            + size + " missing");
                }
                redemptions.add(new Redemption(line.substring(0, tab), line.substring(tab + 1)));
            }
            return new Posts(target, redemptions);
        }

        private static Gets gets(BufferedReader in, String label, long count) throws IOException {
            int targets = Integer.parseInt(field(in, "targets"));
            List<Get> gets = new ArrayList<>(targets);
            for (int t = 0; t < targets; t++) {
                String[] get = field(in, "get").split(" ", 2);
                if (get.length != 2) {
                    throw new IllegalArgumentException("load generator file: stage " + label + ": GET " + (t + 1) + " needs '<headers> <uri>'");
                }
                int headerCount = Integer.parseInt(get[0]);
                Map<String, String> headers = new LinkedHashMap<>();
                for (int h = 0; h < headerCount; h++) {
                    String line = in.readLine();
                    int colon = line == null ? -1 : line.indexOf(": ");
                    if (colon <= 0) {
                        throw new IllegalArgumentException("load generator file: stage " + label + ": header " + (h + 1) + " of "
                                + headerCount + " of GET " + (t + 1) + " missing");
                    }
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
                gets.add(new Get(URI.create(get[1]), headers));
            }
            return new Gets(gets, count);
        }

        private static String field(BufferedReader in, String key) throws IOException {
            String line = in.readLine();
            if (line == null || !line.startsWith(key + " ")) {
                throw new IllegalArgumentException("load generator file: expected '" + key + " …', found " + line);
            }
            return line.substring(key.length() + 1);
        }
    }

    /** Told when each stage starts and when its last answer has arrived: the bench reads CPU counters then. */
    interface Window {
        void started(String stage);

        void ended(String stage);

        /** A window that runs {@code started} and {@code ended} around {@code stage} only (the CPU meter's readings). */
        static Window around(String stage, Runnable started, Runnable ended) {
            return new Window() {
                @Override
                public void started(String s) {
                    if (s.equals(stage)) {
                        started.run();
                    }
                }

                @Override
                public void ended(String s) {
                    if (s.equals(stage)) {
                        ended.run();
                    }
                }
            };
        }
    }

    /** What one stage produced, as the load generator saw it, and its own CPU over the stage (empty in-process). */
    record Staged(String label, HttpLoad.Result result, OptionalLong cpuNanos) {
    }

    /**
     * What the load produced, stage by stage in order, and the load generator's CPU over its whole life (JVM start and
     * exit included; empty in-process or where the platform does not report it).
     */
    record Outcome(List<Staged> stages, OptionalLong lifetimeCpuNanos) {
        Staged stage(String label) {
            return stages.stream().filter(s -> s.label().equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no load stage " + label));
        }

        /** Successful redemptions over every stage: what the seat invariants count, warm-up included. */
        long successes() {
            return stages.stream().mapToLong(s -> s.result().requests() - s.result().failures()).sum();
        }
    }

    /** The load in this JVM (--in-process-load): its CPU is counted with the service's. */
    static Outcome inProcess(Spec spec, HttpClient client, Window window) throws InterruptedException {
        List<Staged> staged = new ArrayList<>();
        for (Stage stage : spec.stages()) {
            window.started(stage.label());
            HttpLoad.Result result = load(spec, stage, client);
            window.ended(stage.label());
            staged.add(new Staged(stage.label(), result, OptionalLong.empty()));
        }
        return new Outcome(staged, OptionalLong.empty());
    }

    private static HttpLoad.Result load(Spec spec, Stage stage, HttpClient client) throws InterruptedException {
        if (stage.requests() instanceof Posts p) {
            return HttpLoad.run(stage.name(), client, spec.clients(), stage.duration(), p.count(),
                    n -> HttpRequest.newBuilder(p.target()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(p.redemptions().get((int) n).json())).build(),
                    status -> status == 200);
        }
        // a read's success stays status 200, as in the bench's in-process reads
        Gets g = (Gets) stage.requests();
        return HttpLoad.run(stage.name(), client, spec.clients(), stage.duration(), g.count(),
                n -> g.gets().get((int) (n % g.gets().size())).request(), status -> status == 200);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The child's side: reads the spec file, runs the stages, prints the protocol on {@code out}. */
    static void child(Path specFile, PrintStream out) throws IOException, InterruptedException {
        Spec spec;
        try (BufferedReader in = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
            spec = Spec.read(in);
        }
        HttpClient client = client();
        for (Stage stage : spec.stages()) {
            OptionalLong before = ProcessCpu.thisJvmNanos();
            out.println(STARTED + " " + stage.label());
            out.flush();
            HttpLoad.Result result = load(spec, stage, client);
            OptionalLong after = ProcessCpu.thisJvmNanos();
            long cpu = before.isPresent() && after.isPresent() ? after.getAsLong() - before.getAsLong() : -1;
            out.println(resultLine(stage.label(), result, cpu));
            out.flush();
        }
    }

    /**
     * A stage's last line: {@code result <stage> requests=… failures=… per_second=… p50_ns=… p95_ns=… p99_ns=… max_ns=…
     * over_5ms=… over_10ms=… cpu_ns=…}.
     */
    static String resultLine(String stage, HttpLoad.Result r, long cpuNanos) {
        return String.format(java.util.Locale.ROOT, "%s %s requests=%d failures=%d per_second=%.3f p50_ns=%d p95_ns=%d p99_ns=%d max_ns=%d "
                        + "over_5ms=%d over_10ms=%d cpu_ns=%d", RESULT, stage, r.requests(), r.failures(), r.perSecond(), r.p50().toNanos(),
                r.p95().toNanos(), r.p99().toNanos(), r.max().toNanos(), r.over5ms(), r.over10ms(), cpuNanos);
    }

    /** Reads a stage's result line back; {@code cpu_ns=-1} (not reported by the child's platform) is empty. */
    static Staged parseResult(Stage stage, String line) {
        String prefix = RESULT + " " + stage.label() + " ";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("not a load generator result of stage " + stage.label() + ": " + line);
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String pair : line.substring(prefix.length()).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("load generator result: '" + pair + "' is no key=value in " + line);
            }
            f.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        for (String key : List.of("requests", "failures", "per_second", "p50_ns", "p95_ns", "p99_ns", "max_ns", "over_5ms", "over_10ms", "cpu_ns")) {
            if (!f.containsKey(key)) {
                throw new IllegalArgumentException("load generator result: no " + key + " in " + line);
            }
        }
        long cpu = Long.parseLong(f.get("cpu_ns"));
        HttpLoad.Result result = new HttpLoad.Result(stage.name(), Long.parseLong(f.get("requests")), Long.parseLong(f.get("failures")),
                Double.parseDouble(f.get("per_second")), nanos(f, "p50_ns"), nanos(f, "p95_ns"), nanos(f, "p99_ns"), nanos(f, "max_ns"),
                Long.parseLong(f.get("over_5ms")), Long.parseLong(f.get("over_10ms")));
        return new Staged(stage.label(), result, cpu < 0 ? OptionalLong.empty() : OptionalLong.of(cpu));
    }

    private static Duration nanos(Map<String, String> f, String key) {
        return Duration.ofNanos(Long.parseLong(f.get(key)));
    }

    /**
     * Runs the load in a child JVM: writes the spec to {@code dir} (owner-only), starts {@code java … BenchMain
     * loadgen <file>}, tells {@code window} when the child says a stage starts and when its result arrives, and
     * returns the results. Bounded: the child is killed if it has not answered two minutes after the stages'
     * durations. Lines the child prints outside the protocol go to {@code out} prefixed with {@code loadgen: }.
     */
    static Outcome spawn(Spec spec, Path dir, Window window, PrintStream out) throws InterruptedException {
        Path file = dir.resolve("loadgen-" + System.nanoTime() + ".txt");
        try {
            Files.createDirectories(dir);
            Readiness.newLog(file);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                spec.write(w);
            }
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(CHILD_JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "loadgen", file.toString()));
            ProcessCpu proc = ProcessCpu.system();
            long self = ProcessHandle.current().pid();
            OptionalLong reapedBefore = proc.reapedNanos(self);
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            child.getOutputStream().close();
            Duration total = spec.stages().stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
            Thread watchdog = watchdog(child, total.plus(AFTER_THE_LOAD));
            List<Staged> staged = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Stage next = staged.size() < spec.stages().size() ? spec.stages().get(staged.size()) : null;
                    if (next != null && line.equals(STARTED + " " + next.label())) {
                        window.started(next.label());
                    } else if (next != null && line.startsWith(RESULT + " " + next.label() + " ")) {
                        window.ended(next.label());
                        staged.add(parseResult(next, line));
                    } else {
                        out.println("loadgen: " + line);
                    }
                }
            }
            int exit = child.waitFor();
            watchdog.interrupt();
            if (exit != 0 || staged.size() != spec.stages().size()) {
                throw new IllegalStateException("the load generator (" + String.join(" ", command) + ") exited with " + exit
                        + " after " + staged.size() + " of " + spec.stages().size() + " stage results; its errors are above");
            }
            OptionalLong reapedAfter = proc.reapedNanos(self);
            OptionalLong lifetime = reapedBefore.isPresent() && reapedAfter.isPresent()
                    ? OptionalLong.of(reapedAfter.getAsLong() - reapedBefore.getAsLong()) : OptionalLong.empty();
            return new Outcome(staged, lifetime);
        } catch (IOException e) {
            throw new UncheckedIOException("the load generator could not be run", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                out.println("could not delete " + file + ": " + e.getMessage());
            }
        }
    }

    private static Thread watchdog(Process child, Duration limit) {
        Thread t = new Thread(() -> {
            try {
                if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.err.println("the load generator did not finish within " + limit + ": killed");
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-loadgen-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
