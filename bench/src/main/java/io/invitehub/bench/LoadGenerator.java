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

/**
 * The redemption phase's closed-loop clients (issue 17: "run the load generator as a separate process so the figure
 * is the server's"). By default they run in a child JVM the bench spawns — same java binary and class path, so the
 * same user namespace under {@code ./invitehub}; {@code BenchMain loadgen <file>} — and the service JVM's CPU is the
 * server's own. {@code --in-process-load} runs the same load in the bench JVM for comparison.
 *
 * <p>The protocol: the bench writes a {@link Spec} file (owner-only: it holds live codes), the child reads it, prints
 * {@code started} on stdout just before its first request and one {@code result k=v …} line after the last answer
 * (counts, latency percentiles in nanoseconds, its own CPU over the load), then exits 0. Any other stdout line is
 * passed on to the bench's output; the child's stderr is the bench's.
 */
final class LoadGenerator {
    static final String MAGIC = "invitehub-loadgen 1";
    static final String STARTED = "started";
    static final String RESULT = "result";
    /** The child's heap: the codes and e-mails (at most 300 000 pairs) and the latency samples. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final Duration AFTER_THE_LOAD = Duration.ofMinutes(2);

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

    /** What to run: {@code POST target} with each redemption once, from {@code clients} closed loops, for at most {@code duration}. */
    record Spec(String name, URI target, int clients, Duration duration, List<Redemption> redemptions) {
        void write(Writer w) throws IOException {
            w.write(MAGIC + "\n");
            w.write("name " + name + "\n");
            w.write("target " + target + "\n");
            w.write("clients " + clients + "\n");
            w.write("millis " + duration.toMillis() + "\n");
            w.write("redemptions " + redemptions.size() + "\n");
            for (Redemption r : redemptions) {
                w.write(r.code() + "\t" + r.email() + "\n");
            }
        }

        static Spec read(BufferedReader in) throws IOException {
            if (!MAGIC.equals(in.readLine())) {
                throw new IllegalArgumentException("not a load generator file (its first line must be '" + MAGIC + "')");
            }
            String name = field(in, "name");
            URI target = URI.create(field(in, "target"));
            int clients = Integer.parseInt(field(in, "clients"));
            Duration duration = Duration.ofMillis(Long.parseLong(field(in, "millis")));
            int count = Integer.parseInt(field(in, "redemptions"));
            List<Redemption> redemptions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String line = in.readLine();
                int tab = line == null ? -1 : line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalArgumentException("load generator file: redemption " + (i + 1) + " of " + count + " missing");
                }
                redemptions.add(new Redemption(line.substring(0, tab), line.substring(tab + 1)));
            }
            return new Spec(name, target, clients, duration, redemptions);
        }

        private static String field(BufferedReader in, String key) throws IOException {
            String line = in.readLine();
            if (line == null || !line.startsWith(key + " ")) {
                throw new IllegalArgumentException("load generator file: expected '" + key + " …', found " + line);
            }
            return line.substring(key.length() + 1);
        }
    }

    /** Told when the load starts and when its last answer has arrived: the bench reads CPU counters then. */
    interface Window {
        void started();

        void ended();
    }

    /**
     * What the load produced, as the load generator saw it, and the load generator's own CPU: over the load (empty
     * in-process, where it cannot be told from the service's) and over the child's whole life (JVM start and exit
     * included; empty where the platform does not report it).
     */
    record Outcome(HttpLoad.Result result, OptionalLong cpuNanos, OptionalLong lifetimeCpuNanos) {
    }

    /** The load in this JVM (--in-process-load): its CPU is counted with the service's. */
    static Outcome inProcess(Spec spec, HttpClient client, Window window) throws InterruptedException {
        window.started();
        HttpLoad.Result result = load(spec, client);
        window.ended();
        return new Outcome(result, OptionalLong.empty(), OptionalLong.empty());
    }

    private static HttpLoad.Result load(Spec spec, HttpClient client) throws InterruptedException {
        List<Redemption> all = spec.redemptions();
        return HttpLoad.run(spec.name(), client, spec.clients(), spec.duration(), all.size(),
                n -> HttpRequest.newBuilder(spec.target()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(all.get((int) n).json())).build(),
                status -> status == 200);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The child's side: reads the spec file, runs the load, prints the protocol on {@code out}. */
    static void child(Path specFile, PrintStream out) throws IOException, InterruptedException {
        Spec spec;
        try (BufferedReader in = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
            spec = Spec.read(in);
        }
        HttpClient client = client();
        OptionalLong before = ProcessCpu.thisJvmNanos();
        out.println(STARTED);
        out.flush();
        HttpLoad.Result result = load(spec, client);
        OptionalLong after = ProcessCpu.thisJvmNanos();
        long cpu = before.isPresent() && after.isPresent() ? after.getAsLong() - before.getAsLong() : -1;
        out.println(resultLine(result, cpu));
        out.flush();
    }

    /** The child's last line: {@code result requests=… failures=… per_second=… p50_ns=… p95_ns=… p99_ns=… max_ns=… cpu_ns=…}. */
    static String resultLine(HttpLoad.Result r, long cpuNanos) {
        return String.format(java.util.Locale.ROOT, "%s requests=%d failures=%d per_second=%.3f p50_ns=%d p95_ns=%d p99_ns=%d max_ns=%d cpu_ns=%d",
                RESULT, r.requests(), r.failures(), r.perSecond(), r.p50().toNanos(), r.p95().toNanos(), r.p99().toNanos(),
                r.max().toNanos(), cpuNanos);
    }

    /** Reads the child's result line back; {@code cpu_ns=-1} (not reported by the child's platform) is empty. */
    static Outcome parseResult(String name, String line, OptionalLong lifetimeCpuNanos) {
        if (!line.startsWith(RESULT + " ")) {
            throw new IllegalArgumentException("not a load generator result: " + line);
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String pair : line.substring(RESULT.length() + 1).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("load generator result: '" + pair + "' is no key=value in " + line);
            }
            f.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        for (String key : List.of("requests", "failures", "per_second", "p50_ns", "p95_ns", "p99_ns", "max_ns", "cpu_ns")) {
            if (!f.containsKey(key)) {
                throw new IllegalArgumentException("load generator result: no " + key + " in " + line);
            }
        }
        long cpu = Long.parseLong(f.get("cpu_ns"));
        HttpLoad.Result result = new HttpLoad.Result(name, Long.parseLong(f.get("requests")), Long.parseLong(f.get("failures")),
                Double.parseDouble(f.get("per_second")), nanos(f, "p50_ns"), nanos(f, "p95_ns"), nanos(f, "p99_ns"), nanos(f, "max_ns"));
        return new Outcome(result, cpu < 0 ? OptionalLong.empty() : OptionalLong.of(cpu), lifetimeCpuNanos);
    }

    private static Duration nanos(Map<String, String> f, String key) {
        return Duration.ofNanos(Long.parseLong(f.get(key)));
    }

    /**
     * Runs the load in a child JVM: writes the spec to {@code dir} (owner-only), starts {@code java … BenchMain
     * loadgen <file>}, tells {@code window} when the child says it starts and when its result arrives, and returns
     * the result. Bounded: the child is killed if it has not answered two minutes after the load's duration. Lines the child prints outside the protocol go to {@code out} prefixed with {@code loadgen: }.
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
            Thread watchdog = watchdog(child, spec.duration().plus(AFTER_THE_LOAD));
            String resultLine = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals(STARTED)) {
                        window.started();
                    } else if (line.startsWith(RESULT + " ")) {
                        window.ended();
                        resultLine = line;
                    } else {
                        out.println("loadgen: " + line);
                    }
                }
            }
            int exit = child.waitFor();
            watchdog.interrupt();
            if (exit != 0 || resultLine == null) {
                throw new IllegalStateException("the load generator (" + String.join(" ", command) + ") exited with " + exit
                        + (resultLine == null ? " without a result line" : "") + "; its errors are above");
            }
            OptionalLong reapedAfter = proc.reapedNanos(self);
            OptionalLong lifetime = reapedBefore.isPresent() && reapedAfter.isPresent()
                    ? OptionalLong.of(reapedAfter.getAsLong() - reapedBefore.getAsLong()) : OptionalLong.empty();
            return parseResult(spec.name(), resultLine, lifetime);
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
