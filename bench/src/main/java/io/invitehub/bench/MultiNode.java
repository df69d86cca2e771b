package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.PersistenceSettings;
import io.invitehub.adapter.out.persistence.SecretKeys;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.bench.dataset.DatasetSeeder;
import io.invitehub.bench.dataset.NodeInvariants;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.UserId;
import io.invitehub.library.config.Settings;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./invitehub bench --nodes N} (issue 17, "scale beyond one machine", ADR 66): a functional run of the
 * redemption phase against N service nodes on one PostgreSQL and one Redis. The bench seeds the SPEC 11 dataset at
 * the chosen scale, starts a real Redis (embedded-redis: in the bench jar only, never the service's) and N child JVMs
 * running {@code io.invitehub.bootstrap.cli.Main serve} — the same java binary and class path as {@link Readiness}'s
 * child, so the same user namespace — each on its own port with {@code INVITEHUB_DB_URL} and {@code
 * INVITEHUB_REDIS_URL} set and every worker (dispatcher, jobs) running. One load generator JVM per node sends its
 * share of the clients and codes to that node. After the load and the dispatchers' drain it checks, over all nodes
 * together: seats taken = successful redemptions, no team over max_seats, no code over its uses and used_count = a
 * recount ({@link NodeInvariants}); no RESERVED invitation of the run left; each job lease held by one node at a time
 * ({@link LeaseWatch}); the distributor summary and the public seats read through each node agree. On 2 cores the
 * throughput is a functional figure only: N nodes, N load generators and PostgreSQL share the same cores.
 */
final class MultiNode {
    static final String FUNCTIONAL_ONLY = "throughput is functional only: every node, load generator and PostgreSQL share this machine's cores";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    /** Generous: N node JVMs start at once on a machine that may be busy (~8 s each alone on a quiet 2-core machine). */
    private static final Duration READY_LIMIT = Duration.ofSeconds(240);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);
    private static final String SERVICE_MAIN = "io.invitehub.bootstrap.cli.Main";
    private static final String KEY_PREFIX = "invitehub:";
    /** Each node's heap; small, as N of them share the machine. */
    static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    /** The databases of a run: the service role the nodes connect as, and a role that may bulk-load the dataset. */
    record Databases(PersistenceSettings service, PersistenceSettings superuser) {
    }

    /** What a run found: every line of the summary block, and whether everything held. */
    /** The one stage of each node's load generator: no warm-up in a functional run. */
    private static final String STAGE = "measured";

    record Outcome(int nodes, long requests, long successes, NodeInvariants.Report invariants, LeaseWatch.Report leases,
                   boolean summariesAgree, List<String> lines) {
        boolean held() {
            return invariants.held() && leases.held() && summariesAgree && successes > 0;
        }
    }

    /** Called after the checks, before anything stops (tests: break a row and check again). */
    interface AfterCheck {
        void accept(PersistenceSettings database, NodeInvariants.Baseline baseline, long successes);
    }

    private final int nodes;
    private final Bench.BenchOptions options;
    private final PrintStream out;

    MultiNode(int nodes, Bench.BenchOptions options, PrintStream out) {
        if (nodes < 2 || nodes > 8) {
            throw new IllegalArgumentException("a multi-node run has 2 to 8 nodes (--nodes in [1, 8]; 1 is the single-node bench)");
        }
        this.nodes = nodes;
        this.options = options;
        this.out = out;
    }

    /** {@code --nodes <n>} from the bench's options: 1 (the single-node bench) when absent; 1 to 8. */
    static int nodes(String[] args) {
        int nodes = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--nodes")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("bench option --nodes needs a value");
                }
                nodes = Integer.parseInt(args[i + 1]);
            }
        }
        if (nodes < 1 || nodes > 8) {
            throw new IllegalArgumentException("--nodes must be in [1, 8]");
        }
        return nodes;
    }

    /** The options without {@code --nodes <n>}, for {@link Bench.BenchOptions#parse}. */
    static String[] withoutNodes(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--nodes")) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        return rest.toArray(String[]::new);
    }

    /** The command: on a fresh embedded PostgreSQL in a throw-away directory under the data dir. */
    Outcome run(Settings base) throws InterruptedException {
        Path dir = base.database().dataDir().toAbsolutePath().resolve("bench-nodes-" + System.currentTimeMillis());
        out.printf("bench: %d service nodes on one PostgreSQL and one Redis; scale %.4f, redemption %d clients x %d s, data in %s%n",
                nodes, options.scale(), options.clients(), options.duration().toSeconds(), dir);
        out.printf("machine: %d cores; load average at start: %s%n", Runtime.getRuntime().availableProcessors(), Bench.loadAverage());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"))) {
            return run(new Databases(database.settings(8), database.superuserSettings(1)), dir, true, (d, b, s) -> { });
        } finally {
            Bench.deleteQuietly(dir);
        }
    }

    /** The run on given databases; {@code migrate}: apply the schema first (a fresh embedded database). */
    Outcome run(Databases db, Path dir, boolean migrate, AfterCheck afterCheck) throws InterruptedException {
        String secretsKey = randomBase64(32);
        String jwtSecret = randomBase64(48);
        if (migrate) {
            try (JooqPersistence service = JooqPersistence.connect(db.service().withMaxPoolSize(2), SecretKeys.fromBase64(secretsKey, List.of()))) {
                service.migrate();
            }
        }
        out.printf("seeding the SPEC 11 dataset at scale %.4f ...%n", options.scale());
        DatasetSeeder.Dataset dataset = DatasetSeeder.seed(db.superuser(), options.scale(),
                new BcryptPasswordHasher().hash(Bench.PASSWORD.toCharArray()));
        out.printf("dataset: %,d codes, %,d invitations, %,d distributors, %,d teams%n", dataset.codes(), dataset.invitations(),
                dataset.distributors(), dataset.teams());
        List<LoadGenerator.Redemption> redemptions = prepare(db.service(), dir.resolve("setup"), secretsKey, jwtSecret, dataset.tiny());

        int redisPort = freePort();
        RedisServer redis = RedisServer.builder().port(redisPort).setting("bind 127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        List<Node> started = new ArrayList<>();
        try {
            redis.start();
            out.printf("redis: embedded Redis on 127.0.0.1:%d (embedded-redis, in the bench jar only)%n", redisPort);
            LeaseWatch leases = LeaseWatch.start("127.0.0.1", redisPort, KEY_PREFIX);
            try {
                for (int i = 1; i <= nodes; i++) {
                    started.add(Node.start(i, dir.resolve("node-" + i), nodeEnvironment(db.service(), redisPort, secretsKey, jwtSecret)));
                }
                for (Node node : started) {
                    out.printf("node %d: pid %d, %s ready in %d ms%n", node.index, node.process.pid(), node.url(), node.awaitReady().toMillis());
                }
                NodeInvariants.Baseline baseline = NodeInvariants.baseline(db.superuser());
                List<LoadGenerator.Outcome> loads = load(started, redemptions, dir.resolve("loadgen"));
                long requests = loads.stream().mapToLong(o -> o.stage(STAGE).result().requests()).sum();
                long successes = loads.stream().mapToLong(o -> o.stage(STAGE).result().requests() - o.stage(STAGE).result().failures()).sum();
                long left = NodeInvariants.awaitDrained(db.superuser(), baseline, DRAIN_LIMIT);
                out.printf("dispatchers drained: %d RESERVED invitation(s) of the run left%n", left);
                NodeInvariants.Report report = NodeInvariants.check(db.superuser(), baseline, successes);
                LeaseWatch.Report leaseReport = leases.report();
                List<String> summaries = summaries(started, dataset.tiny().username());
                boolean agree = new LinkedHashSet<>(summaries).size() == 1;
                List<String> lines = block(started, loads, requests, successes, report, leaseReport, agree, summaries);
                lines.forEach(out::println);
                afterCheck.accept(db.superuser(), baseline, successes);
                return new Outcome(nodes, requests, successes, report, leaseReport, agree, lines);
            } finally {
                leases.close();
            }
        } finally {
            for (Node node : started) {
                node.stop();
            }
            redis.stop();
        }
    }

    /** Teams and the run's single-use codes (owned by the tiny distributor, so its summary moves) through an in-process hub, closed before the nodes start. */
    private List<LoadGenerator.Redemption> prepare(PersistenceSettings service, Path dir, String secretsKey, String jwtSecret,
                                                   DatasetSeeder.Distributor owner) {
        int codeCount = (int) Math.min(300_000, Math.max(2_000, options.duration().toSeconds() * 1_000));
        int teams = codeCount / 400 + 1;
        Map<String, String> env = new HashMap<>(commonEnvironment(secretsKey, jwtSecret));
        env.put("INVITEHUB_DATA_DIR", dir.toString());
        env.put("INVITEHUB_HTTP_PORT", "0");
        long start = System.nanoTime();
        List<Code> codes = new ArrayList<>(codeCount);
        try (InviteHub hub = InviteHub.builder(Settings.from(env)).persistence(service.withMaxPoolSize(4)).start()) {
            for (int t = 0; t < teams; t++) {
                hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "nodes team " + t, "nodes-" + t, "token", 500, Optional.empty()));
            }
            CodeTerms terms = new CodeTerms(Optional.of(new UserId(owner.id())), 1, 30, Optional.empty(), Optional.empty(), 1,
                    Optional.of("bench --nodes"));
            while (codes.size() < codeCount) {
                codes.addAll(hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), terms,
                        Math.min(IssueCodesCommand.MAX_COUNT, codeCount - codes.size()))));
            }
        }
        out.printf("redemption phase: %d teams of 500 seats and %d single-use codes of %s in %d ms%n", teams, codeCount,
                owner.username(), (System.nanoTime() - start) / 1_000_000);
        List<LoadGenerator.Redemption> redemptions = new ArrayList<>(codeCount);
        for (int n = 0; n < codes.size(); n++) {
            redemptions.add(new LoadGenerator.Redemption(codes.get(n).value(), "nodes" + n + "@example.com"));
        }
        return redemptions;
    }

    /** Settings every JVM of the run shares: secrets, rate limits lifted, the simulated provider, jobs that leave the seeded data alone. */
    private static Map<String, String> commonEnvironment(String secretsKey, String jwtSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEHUB_DEMO", "false");
        env.put("INVITEHUB_SECRETS_KEY", secretsKey);
        env.put("INVITEHUB_JWT_SECRET", jwtSecret);
        env.put("INVITEHUB_TEAM_PROVIDER", "simulated");
        env.put("INVITEHUB_SIM_MAX_LATENCY", "0ms");
        env.put("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "1000000");
        env.put("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "1000000");
        env.put("INVITEHUB_LOGIN_PER_MINUTE", "1000");
        // as in the single-node bench: the lifecycle jobs would cancel and expire seeded invitations mid-run
        env.put("INVITEHUB_LIFECYCLE_INTERVAL", "6h");
        return env;
    }

    private static Map<String, String> nodeEnvironment(PersistenceSettings db, int redisPort, String secretsKey, String jwtSecret) {
        Map<String, String> env = new HashMap<>(commonEnvironment(secretsKey, jwtSecret));
        env.put("INVITEHUB_DB_URL", db.jdbcUrl());
        env.put("INVITEHUB_DB_USER", db.user());
        env.put("INVITEHUB_DB_PASSWORD", db.password());
        env.put("INVITEHUB_DB_POOL_SIZE", "8");
        env.put("INVITEHUB_HTTP_MAX_THREADS", "32");
        env.put("INVITEHUB_DISPATCH_THREADS", "2");
        env.put("INVITEHUB_REDIS_URL", "redis://127.0.0.1:" + redisPort);
        env.put("INVITEHUB_REDIS_KEY_PREFIX", KEY_PREFIX);
        // N JVMs, their load generators and PostgreSQL oversubscribe the cores: with the default 250 ms a Redis starved
        // of CPU for a moment counts as down and the nodes fall back (ADR 19), which is not what this run checks
        env.put("INVITEHUB_REDIS_TIMEOUT", "2s");
        // the statistics upkeep and the settlement job leave the seats alone: run them often, so the nodes compete for
        // their leases during the load (one node per interval may hold each)
        env.put("INVITEHUB_MAINTENANCE_INTERVAL", "2s");
        env.put("INVITEHUB_SETTLEMENT_INTERVAL", "3s");
        env.put("INVITEHUB_SEATS_CACHE_TTL", "1s");
        return env;
    }

    /** One load generator JVM per node, each with its share of the clients and of the codes, all at once. */
    private List<LoadGenerator.Outcome> load(List<Node> targets, List<LoadGenerator.Redemption> redemptions, Path dir)
            throws InterruptedException {
        int n = targets.size();
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<LoadGenerator.Redemption> share = new ArrayList<>();
            for (int k = i; k < redemptions.size(); k += n) {
                share.add(redemptions.get(k));
            }
            int clients = Math.max(1, options.clients() / n + (i < options.clients() % n ? 1 : 0));
            Node node = targets.get(i);
            LoadGenerator.Spec spec = new LoadGenerator.Spec(clients, List.of(new LoadGenerator.Stage(STAGE,
                    "POST /public/redeem via node " + node.index, options.duration(), URI.create(node.url() + "/api/v1/public/redeem"), share)));
            AtomicReference<Object> result = new AtomicReference<>();
            results.add(result);
            Thread t = new Thread(() -> {
                try {
                    result.set(LoadGenerator.spawn(spec, dir, new LoadGenerator.Window() {
                        @Override
                        public void started(String stage) {
                        }

                        @Override
                        public void ended(String stage) {
                        }
                    }, out));
                } catch (InterruptedException | RuntimeException e) {
                    result.set(e);
                }
            }, "bench-nodes-load-" + node.index);
            t.start();
            threads.add(t);
        }
        out.printf("redemption load: %d load generator JVMs, one per node, %d clients in all, %d s%n", n, options.clients(),
                options.duration().toSeconds());
        for (Thread t : threads) {
            t.join();
        }
        List<LoadGenerator.Outcome> outcomes = new ArrayList<>();
        for (AtomicReference<Object> r : results) {
            if (r.get() instanceof LoadGenerator.Outcome o) {
                outcomes.add(o);
            } else {
                throw new IllegalStateException("a load generator failed: " + r.get());
            }
        }
        return outcomes;
    }

    /** The tiny distributor's summary and the public seats, read through each node (after the seats cache's 1 s). */
    private List<String> summaries(List<Node> targets, String username) throws InterruptedException {
        Thread.sleep(1_500);
        HttpClient client = LoadGenerator.client();
        List<String> bodies = new ArrayList<>();
        for (Node node : targets) {
            String token = login(client, node.url(), username);
            HttpResponse<String> summary = send(client, HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/distributors/me/summary"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build());
            HttpResponse<String> seats = send(client, HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/public/seats"))
                    .timeout(Duration.ofSeconds(30)).GET().build());
            bodies.add(summary.statusCode() + " " + summary.body() + " | " + seats.statusCode() + " " + seats.body());
        }
        return bodies;
    }

    private List<String> block(List<Node> targets, List<LoadGenerator.Outcome> loads, long requests, long successes,
                               NodeInvariants.Report r, LeaseWatch.Report leases, boolean agree, List<String> summaries) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format("functional run, %d nodes: %s", targets.size(), r.held() && leases.held() && agree && successes > 0
                ? "every invariant held" : "INVARIANT BROKEN"));
        for (int i = 0; i < targets.size(); i++) {
            HttpLoad.Result l = loads.get(i).stage(STAGE).result();
            lines.add(String.format("  node %d: %,d redemptions, %d failed, p50 %.1f ms, p99 %.1f ms", targets.get(i).index, l.requests(),
                    l.failures(), l.p50().toNanos() / 1e6, l.p99().toNanos() / 1e6));
        }
        double perSecond = loads.stream().mapToDouble(o -> o.stage(STAGE).result().perSecond()).sum();
        lines.add(String.format("  all nodes: %,d requests, %,d successful, %.0f/s (%s)", requests, successes, perSecond, FUNCTIONAL_ONLY));
        lines.add(String.format("  seats taken = successful redemptions: %d = %d %s", r.seatsTaken(), successes, mark(r.seatsTaken() == successes)));
        lines.add(String.format("  invitations created by the run: %d %s", r.invitationsCreated(), mark(r.invitationsCreated() == successes)));
        lines.add(String.format("  teams over max_seats: %d %s", r.teamsOverMax(), mark(r.teamsOverMax() == 0)));
        lines.add(String.format("  codes over their uses: %d; used_count differing from a recount of invitations holding a use: %d %s",
                r.codesOverUses(), r.usesMiscounted(), mark(r.codesOverUses() == 0 && r.usesMiscounted() == 0)));
        lines.add(String.format("  RESERVED invitations of the run left after the dispatchers drained: %d %s", r.reservedLeft(),
                mark(r.reservedLeft() == 0)));
        lines.add(String.format("  job leases in the shared Redis, one holder at a time (grants per job): %s %s", leases.describe(),
                mark(leases.held())));
        lines.add(String.format("  the tiny distributor's summary and the public seats read through each node: %s %s",
                agree ? "identical on all " + targets.size() : "DIFFER", mark(agree)));
        if (!agree) {
            for (int i = 0; i < summaries.size(); i++) {
                lines.add("    node " + targets.get(i).index + ": " + summaries.get(i));
            }
        }
        r.violations().forEach(v -> lines.add("  INVARIANT BROKEN: " + v));
        return lines;
    }

    private static String mark(boolean ok) {
        return ok ? "(ok)" : "(BROKEN)";
    }

    private static String login(HttpClient client, String url, String username) throws InterruptedException {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + Bench.PASSWORD + "\"}"))
                .build());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("bench: sign-in as " + username + " at " + url + " failed: HTTP " + response.statusCode());
        }
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("bench: " + request.uri() + " failed", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** One service node: a child JVM of the service's main class, its output in an owner-only log in its directory. */
    private static final class Node {
        private final int index;
        private final int port;
        private final Process process;
        private final Path log;

        private Node(int index, int port, Process process, Path log) {
            this.index = index;
            this.port = port;
            this.process = process;
            this.log = log;
        }

        static Node start(int index, Path dir, Map<String, String> settings) {
            try {
                io.invitehub.library.config.OwnerOnlyFile.ownerOnlyDirectories(dir);
                int port = freePort();
                List<String> command = new ArrayList<>();
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(NODE_JVM_OPTIONS);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), SERVICE_MAIN, "serve"));
                Path log = Readiness.newLog(dir.resolve("serve.log"));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                Map<String, String> env = builder.environment();
                env.keySet().removeIf(k -> k.startsWith("INVITEHUB_"));
                env.putAll(settings);
                env.put("INVITEHUB_DATA_DIR", dir.toString());
                env.put("INVITEHUB_HTTP_PORT", Integer.toString(port));
                return new Node(index, port, builder.start(), log);
            } catch (IOException e) {
                throw new UncheckedIOException("node " + index + " could not be started", e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        Duration awaitReady() throws InterruptedException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
            long started = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
            long deadline = System.nanoTime() + READY_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node " + index + " exited with " + process.exitValue() + "; its last lines:\n" + tail());
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return Duration.ofMillis(System.currentTimeMillis() - started);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("node " + index + " not ready within " + READY_LIMIT.toSeconds() + " s; its last lines:\n" + tail());
        }

        /** The last lines of the node's log (the run's directory is deleted at the end). */
        private String tail() {
            try {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "(" + log + " unreadable: " + e.getMessage() + ")";
            }
        }

        /** SIGTERM (the service's shutdown hook drains its workers), then SIGKILL after 30 s. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
