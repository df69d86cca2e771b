package io.invitehub.bench;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.persistence.SecretKeys;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.shared.view.SeatSummary;
import io.invitehub.bench.dataset.DatasetSeeder;
import io.invitehub.bench.dataset.Settling;
import io.invitehub.bench.dataset.StatementCounts;
import io.invitehub.bench.dataset.TpcB;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.library.config.SecretsKey;
import io.invitehub.library.config.Settings;
import io.invitehub.bootstrap.embedded.EmbeddedDatabase;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.Team;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code bench} command: measures the embedded default's time to first ready, then starts
 * InviteHub on a fresh embedded PostgreSQL (a throw-away data directory under the data dir, deleted
 * at the end), bulk-loads the SPEC section 11 dataset at the chosen scale ({@link DatasetSeeder}),
 * drives the real HTTP API from concurrent clients on loopback — the distributor read side as the
 * largest and as the tiny distributor, then sustained redemptions — and prints figures. Every
 * measurement is bounded in time and count. Nothing here is a pass/fail test; docs/performance.md
 * records runs.
 */
public final class Bench {
    /** The password of every seeded distributor. */
    static final String PASSWORD = "bench-password";
    private static final Pattern NEXT_CURSOR = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final int DEEP_PAGES = 50;
    private static final int GRANTS = 5;

    private final BenchOptions options;
    private final PrintStream out;

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Options of one run: {@code scale} of the SPEC 11 dataset (1.0 = 5 000 000 codes), clients and seconds of the
     * redemption phase and of its discarded warm-up, clients of the reads, answers wanted per read route and the time
     * cap of each read route, discarded warm-up answers per read route ({@code --read-warmup}, ADR 70: every route of
     * both distributors interleaved, before any is measured); {@code serverSettings} are PostgreSQL settings for the bench's server
     * ({@code --pg-setting name=value}, e.g. {@code commit_delay}), never one that gives up durability; {@code notifyRate} is
     * the open-loop notifies' arrival rate per second ({@code --notify-rate}, ADR 78).
     */
    public record BenchOptions(double scale, int clients, Duration duration, int readClients, Duration readDuration,
                               boolean readiness, boolean onlyShop, boolean onlyExport, long exportRows,
                               boolean statements, boolean skipReads, boolean skipShop, boolean tpcB, boolean inProcessLoad,
                               Duration warmup, int readSamples, int readWarmup, boolean console, Map<String, String> serverSettings,
                               boolean distributorCodes, int notifyRate, Optional<Integer> fulfilmentParallelism) {
        /** Issue 17: "enough samples for a p99 (≥ 10 000 per route)". */
        static final int READ_SAMPLES = 10_000;
        /**
         * Warm-up answers per read route, interleaved over all routes (ADR 70): 11 routes × 2 000 = 22 000 requests
         * through the shared read path, past C2's compile thresholds, ~900 executions on each pool connection.
         */
        static final int READ_WARMUP = 2_000;
        /** Open-loop notifies per second (ADR 78): a gateway calling back at the rate orders are paid. */
        static final int NOTIFY_RATE = 100;
        /** Settings an experiment may not change: the bench measures the durable server the service runs on (ADR 27). */
        private static final java.util.Set<String> DURABILITY = java.util.Set.of("fsync", "synchronous_commit", "full_page_writes");

        public static BenchOptions parse(String[] args) {
            double scale = 0.02;
            int clients = 16;
            Duration duration = Duration.ofSeconds(20);
            int readClients = 2;
            Duration readDuration = Duration.ofSeconds(60);
            boolean readiness = true;
            boolean onlyShop = false;
            boolean onlyExport = false;
            long exportRows = 1_000_000;
            boolean statements = false;
            boolean skipReads = false;
            boolean skipShop = false;
            boolean tpcB = true;
            boolean inProcessLoad = false;
            Duration warmup = Duration.ofSeconds(10);
            int readSamples = READ_SAMPLES;
            int readWarmup = READ_WARMUP;
            boolean console = true;
            boolean distributorCodes = true;
            int notifyRate = NOTIFY_RATE;
            Optional<Integer> fulfilmentParallelism = Optional.empty();
            Map<String, String> serverSettings = new java.util.TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scale": scale = Double.parseDouble(value(args, ++i)); break;
                    case "--clients": clients = Integer.parseInt(value(args, ++i)); break;
                    case "--seconds": duration = Duration.ofSeconds(Long.parseLong(value(args, ++i))); break;
                    case "--warmup-seconds": warmup = Duration.ofSeconds(Long.parseLong(value(args, ++i))); break;
                    case "--read-clients": readClients = Integer.parseInt(value(args, ++i)); break;
                    case "--read-samples": readSamples = Integer.parseInt(value(args, ++i)); break;
                    case "--read-warmup": readWarmup = Integer.parseInt(value(args, ++i)); break;
                    case "--read-seconds": readDuration = Duration.ofSeconds(Long.parseLong(value(args, ++i))); break;
                    case "--no-readiness": readiness = false; break;
                    case "--only-shop": onlyShop = true; break;
                    case "--only-export": onlyExport = true; break;
                    case "--export-rows": exportRows = Long.parseLong(value(args, ++i)); break;
                    case "--statements": statements = true; break;
                    case "--no-reads": skipReads = true; break;
                    case "--no-shop": skipShop = true; break;
                    case "--no-tpcb": tpcB = false; break;
                    case "--in-process-load": inProcessLoad = true; break;
                    case "--no-console": console = false; break;
                    case "--no-distributor-codes": distributorCodes = false; break;
                    case "--notify-rate": notifyRate = Integer.parseInt(value(args, ++i)); break;
                    case "--fulfilment-parallelism": fulfilmentParallelism = Optional.of(Integer.parseInt(value(args, ++i))); break;
                    case "--pg-setting": {
                        String setting = value(args, ++i);
                        int eq = setting.indexOf('=');
                        String name = eq > 0 ? setting.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT) : "";
                        if (!name.matches("[a-z_.]+") || DURABILITY.contains(name) || !setting.substring(eq + 1).matches("[A-Za-z0-9_.]+")) {
                            throw new IllegalArgumentException("--pg-setting takes name=value (letters, digits, _ and .), not "
                                    + DURABILITY + ": " + setting);
                        }
                        serverSettings.put(name, setting.substring(eq + 1));
                        break;
                    }
                    default: throw new IllegalArgumentException("unknown bench option " + args[i] + " (use --scale <factor> "
                            + "--clients <n> --seconds <s> --warmup-seconds <s> --read-clients <n> --read-samples <n> --read-warmup <n> --read-seconds <s> "
                            + "--no-readiness --only-shop --only-export --export-rows <n> --statements --no-reads --no-shop --no-tpcb "
                            + "--in-process-load --no-console --no-distributor-codes --notify-rate <n> --pg-setting <name=value> "
                            + "--fulfilment-parallelism <n>)");
                }
            }
            if (scale <= 0 || scale > 2 || clients < 1 || clients > 256 || readClients < 1 || readClients > 256
                    || duration.isNegative() || duration.isZero() || duration.toSeconds() > 600
                    || warmup.isNegative() || warmup.toSeconds() > 120 || readSamples < 1 || readSamples > 1_000_000
                    || readWarmup < 0 || readWarmup > 100_000
                    || readDuration.isNegative() || readDuration.isZero() || readDuration.toSeconds() > 600
                    || exportRows < 1 || exportRows > 20_000_000 || notifyRate < 1 || notifyRate > 1_000
                    || fulfilmentParallelism.filter(p -> p < 1 || p > 8).isPresent()) {
                throw new IllegalArgumentException("--scale must be in (0, 2], --clients and --read-clients in [1, 256], "
                        + "--seconds in [1, 600], --warmup-seconds in [0, 120], --read-samples in [1, 1000000], "
                        + "--read-warmup in [0, 100000], --read-seconds in [1, 600], --export-rows in [1, 20000000], --notify-rate in [1, 1000], "
                        + "--fulfilment-parallelism in [1, 8]");
            }
            return new BenchOptions(scale, clients, duration, readClients, readDuration, readiness && !onlyShop && !onlyExport, onlyShop,
                    onlyExport, exportRows, statements, skipReads, skipShop, tpcB, inProcessLoad, warmup, readSamples, readWarmup, console,
                    Map.copyOf(serverSettings), distributorCodes, notifyRate, fulfilmentParallelism);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("bench option " + args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    public void run(Settings base) throws InterruptedException {
        Path dir = base.database().dataDir().toAbsolutePath().resolve("bench-" + System.currentTimeMillis());
        out.printf("bench: scale %.4f, redemption %d clients x %d s after a %d s warm-up, reads %d clients x %,d answers "
                        + "(at most %d s) per route after %,d warm-up answers per route, data in %s%n", options.scale(), options.clients(),
                options.duration().toSeconds(), options.warmup().toSeconds(), options.readClients(), options.readSamples(),
                options.readDuration().toSeconds(), options.readWarmup(), dir);
        out.printf("machine: %d cores, JVM max heap %d MiB, Java %s; load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());
        out.println(GcWatch.inUse());
        List<String> rows = new ArrayList<>();
        List<String> consoleRows = new ArrayList<>();
        try {
            if (options.onlyExport()) {
                try {
                    Settings export = Settings.from(Map.of("INVITEHUB_DATA_DIR", dir.toString(), "INVITEHUB_DEMO", "false"));
                    ExportBench.run(dir.resolve("export"), options.exportRows(), SecretsKey.resolve(export), out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
            if (options.readiness()) {
                Readiness.measure(dir.resolve("readiness"), out);
            }
            Map<String, String> env = new HashMap<>();
            env.put("INVITEHUB_DATA_DIR", dir.toString());
            env.put("INVITEHUB_HTTP_PORT", "0");
            env.put("INVITEHUB_DEMO", "false");
            env.put("INVITEHUB_DB_POOL_SIZE", "24");
            env.put("INVITEHUB_HTTP_MAX_THREADS", "64");
            env.put("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "1000000");
            env.put("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "1000000");
            env.put("INVITEHUB_LOGIN_PER_MINUTE", "1000");
            env.put("INVITEHUB_SIM_MAX_LATENCY", "0ms");
            env.put("INVITEHUB_DISPATCH_THREADS", "2");
            // the seeded history spans 180 days: with the default interval the lifecycle jobs would start
            // cancelling and expiring tens of thousands of seeded invitations in the middle of the
            // measurements (competing for the cores and freeing seats under the redemption check)
            env.put("INVITEHUB_LIFECYCLE_INTERVAL", "6h");
            // the invariants compare seat counts before and after each load through the public seat summary, which the
            // service caches for INVITEHUB_SEATS_CACHE_TTL (5 s): a short phase read its "before" again as its "after";
            // no measured route reads that cache
            env.put("INVITEHUB_SEATS_CACHE_TTL", "1ms");
            // batches of the 100 000-code order delivered at once (ADR 83); the service's default unless given
            options.fulfilmentParallelism().ifPresent(p -> env.put("INVITEHUB_FULFILMENT_PARALLELISM", Integer.toString(p)));
            Settings settings = Settings.from(env);
            Path serverLog = dir.resolveSibling(dir.getFileName() + "-postgres-log");
            if (options.statements()) {
                createWritableDirectory(serverLog);
                out.printf("statements: pg_stat_statements on; auto_explain writes 1 %% of the plans to %s%n", serverLog);
            }
            Map<String, String> serverConfig = new java.util.TreeMap<>(options.statements() ? StatementCounts.serverConfig(serverLog) : Map.of());
            // sized for the dataset as a deployment's server would be, not the embedded default's 256 MB (ADR 82)
            serverConfig.put("shared_buffers", SHARED_BUFFERS);
            serverConfig.putAll(options.serverSettings());
            out.printf("PostgreSQL shared_buffers: %s (%s; the embedded default for serve is 256MB)%n", serverConfig.get("shared_buffers"),
                    options.serverSettings().containsKey("shared_buffers") ? "--pg-setting" : "the bench's own, ADR 82");
            if (!options.serverSettings().isEmpty()) {
                out.println("PostgreSQL settings of this run (--pg-setting): " + options.serverSettings());
            }
            try (EmbeddedDatabase database = EmbeddedDatabase.start(dir, serverConfig)) {
                DatasetSeeder.Dataset dataset = seed(database, SecretsKey.resolve(settings));
                StatementCounts counts = options.statements() ? new StatementCounts(database.superuserSettings(1)) : null;
                out.println(quietAccessLog());
                try (InviteHub hub = InviteHub.builder(settings).persistence(database.settings(settings.database().poolSize())).start()) {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    String url = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
                    if (!options.onlyShop() && !options.skipReads()) {
                        settle(new Settling(database.superuserSettings(1)));
                        List<ReadRoute> routes = new ArrayList<>();
                        for (DatasetSeeder.Distributor d : List.of(dataset.largest(), dataset.tiny())) {
                            routes.addAll(readRoutes(client, url, d, d == dataset.largest() ? "largest" : "tiny"));
                        }
                        // every route of both distributors warmed, interleaved, before any is measured (ADR 70), by read
                        // clients in their own JVM unless --in-process-load (ADR 81); the pages the reads found in shared
                        // buffers or had to read from the OS around them (phase 7; the warm-up's included)
                        io.invitehub.bench.dataset.IoMeter readIo = new io.invitehub.bench.dataset.IoMeter(database.superuserSettings(1));
                        io.invitehub.bench.dataset.IoMeter.Reading readIoBefore = readIo.read();
                        rows.addAll(reads(client, routes, dir.resolve("loadgen"), counts, staffMetricsPage(hub, client, url)));
                        String readIoLine = "reads' page I/O (pg_stat_io, warm-up and every measured route): " + readIo.since(readIoBefore).line();
                        out.println(readIoLine);
                        rows.add(readIoLine);
                    }
                    if (!options.onlyShop()) {
                        // the console in Chromium after the reads, its browser closed before the redemptions (ADR 68), and
                        // before the shop: the shop buys as the tiny distributor (~154 000 codes), whose dashboard would
                        // then no longer be a 10-code one (ConsolePaint flags it "NOT the distributor's codes")
                        consoleRows.addAll(ConsolePaint.run(options.console(), url, dataset, PASSWORD, out));
                    }
                    Shop shop = options.skipShop() ? null : new Shop(hub, client, url, dataset.tiny().id());
                    if (shop != null) {
                        // right after the reads, on a machine not yet loaded by the redemption phases, their dispatcher,
                        // checkpoint and autovacuum (ADR 78)
                        out.printf("load average before the shop: %s%n", loadAverage());
                        rows.addAll(shop(hub, client, url, shop, counts, database.superuserSettings(1), settings.shop().fulfilmentBatch(),
                                settings.shop().fulfilmentParallelism()));
                    }
                    long placing = System.nanoTime();
                    NotifyLoad beside = shop == null || options.onlyShop() ? null : shop.notifies(NotifyLoad.openOrders(options.notifyRate()));
                    if (beside != null) {
                        out.printf("notify beside the redemptions: %d orders placed and their sandbox notifications signed in %d ms%n",
                                beside.orders(), (System.nanoTime() - placing) / 1_000_000);
                    }
                    if (shop != null && !options.onlyShop()) {
                        // the shop's ~150 000 new codes and ~4 000 orders are autovacuum's work: not during the redemptions
                        Settling.Waited idle = new Settling(database.superuserSettings(1)).awaitAutovacuumIdle(Duration.ofSeconds(60));
                        out.printf("after the shop: autovacuum workers %s after %.1f s%n",
                                idle.quiet() ? "idle" : "still " + idle.stillRunning() + " running (60 s cap)", seconds(idle.waited()));
                    }
                    java.time.Instant redemptionsStarted = java.time.Instant.now();
                    if (!options.onlyShop()) {
                        OptionalLong postmaster = ProcessCpu.postmasterPid(database.directory());
                        Optional<TpcBRun> tpcB = tpcB(database, postmaster);
                        out.printf("load average before the redemptions: %s%n", loadAverage());
                        Redeemed redeemed = redemptions(hub, client, url, counts, dir.resolve("loadgen"), postmaster, beside);
                        rows.addAll(redeemed.rows());
                        rows.addAll(againstTpcB(redeemed, tpcB, ""));
                        if (options.distributorCodes()) {
                            Distributed distributed = distributorRedemptions(hub, client, url, counts, dir.resolve("loadgen"), postmaster,
                                    database.superuserSettings(1), dataset, redemptionsStarted);
                            rows.addAll(distributed.redeemed().rows());
                            rows.addAll(distributed.checked().lines());
                            rows.addAll(againstTpcB(distributed.redeemed(), tpcB, DISTRIBUTOR));
                        } else {
                            out.println("distributor-code redemptions not measured (--no-distributor-codes)");
                        }
                    }
                    out.println();
                    out.println(HttpLoad.Result.header());
                    rows.forEach(out::println);
                    out.println();
                    if (!consoleRows.isEmpty()) {
                        consoleRows.forEach(out::println);
                        out.println();
                    }
                    out.printf("load average at the end: %s%n", loadAverage());
                }
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** TPC-B's scale (pgbench -i -s), clients and pgbench threads, as issue 17 measured it. */
    static final int TPCB_SCALE = 16;
    static final int TPCB_CLIENTS = 16;
    static final int TPCB_THREADS = 2;
    static final String TPCB_NOT_FOUND = "TPC-B not measured (pgbench not found)";
    static final String TPCB_NOT_WANTED = "TPC-B not measured (--no-tpcb)";
    /** Issue 17: redemptions/s at least this share of the TPC-B tps measured in the same run. */
    static final double TPCB_TARGET_RATIO = 0.40;
    /** The service's access log: one INFO line per request (issue 16, ADR 39). */
    static final String ACCESS_LOG = "io.invitehub.http.requests";

    /**
     * The machine's ceiling measured just before the redemption phase on the bench's own PostgreSQL (issue 17):
     * {@code pgbench -i -s 16} into a scratch database, {@code -c 16 -j 2 -T <redemption seconds> -M prepared}. Empty
     * (and says why) without pgbench or with {@code --no-tpcb}.
     */
    private Optional<TpcBRun> tpcB(EmbeddedDatabase database, OptionalLong postmaster) {
        if (!options.tpcB()) {
            out.println(TPCB_NOT_WANTED);
            return Optional.empty();
        }
        Optional<Path> pgbench = TpcB.find();
        if (pgbench.isEmpty()) {
            out.println(TPCB_NOT_FOUND);
            return Optional.empty();
        }
        out.printf("TPC-B: %s -i -s %d into a scratch database, then -c %d -j %d -T %d -M prepared (load average %s) ...%n",
                pgbench.get(), TPCB_SCALE, TPCB_CLIENTS, TPCB_THREADS, options.duration().toSeconds(), loadAverage());
        long start = System.nanoTime();
        CpuMeter meter = new CpuMeter(ProcessCpu.system(), postmaster);
        TpcB.Measured m = TpcB.measure(pgbench.get(), database.superuserSettings(1), TPCB_SCALE, TPCB_CLIENTS, TPCB_THREADS,
                options.duration(), meter::started, meter::ended);
        out.printf("TPC-B: %.0f tps (%,d transactions, %d failed; %s), %.1f s with the load; scratch database dropped%n",
                m.tps(), m.transactions(), m.failed(), m.command(), (System.nanoTime() - start) / 1e9);
        return Optional.of(new TpcBRun(m.tps(), new CpuReport.TpcB(m.transactions(), meter.postgres(), meter.reapedChildren())));
    }

    /** TPC-B's throughput and its CPU per transaction. */
    private record TpcBRun(double tps, CpuReport.TpcB cpu) {
    }

    /**
     * The measured redemption window as the load generator saw it, the CPU it cost, and the lines for the figures: the
     * warm-up, the measured row, the redemptions and the notify beside each other.
     */
    record Redeemed(HttpLoad.Result result, CpuReport.Redemptions cpu, List<String> rows, long successes) {
    }

    /**
     * A redemption phase's rate against TPC-B and its CPU per redemption, printed and returned for the figures;
     * {@code phase} is empty for the platform-code phase (which also prints TPC-B's own CPU line) or names the phase
     * ({@link #DISTRIBUTOR}) in front of each line's unit.
     */
    private List<String> againstTpcB(Redeemed redeemed, Optional<TpcBRun> tpcB, String phase) {
        String unit = phase.isEmpty() ? "redemption" : phase + " redemption";
        List<String> lines = new ArrayList<>();
        String versus = versusTpcB(redeemed.result().perSecond(), tpcB.map(t -> OptionalDouble.of(t.tps())).orElse(OptionalDouble.empty()),
                options.tpcB() ? TPCB_NOT_FOUND : TPCB_NOT_WANTED);
        lines.add(phase.isEmpty() ? versus : phase + " " + versus);
        lines.addAll(CpuReport.lines(redeemed.cpu(), unit));
        if (phase.isEmpty()) {
            tpcB.ifPresent(t -> lines.add(CpuReport.line(t.cpu())));
        }
        lines.add(CpuReport.ratio(redeemed.cpu(), tpcB.map(TpcBRun::cpu), unit));
        lines.forEach(out::println);
        return lines;
    }

    /** How the distributor-code phase names itself in the figures. */
    static final String DISTRIBUTOR = "distributor-code";

    /** The distributor-code phase's figures and its per-distributor check. */
    record Distributed(Redeemed redeemed, DistributorPhase.Checked checked) {
    }

    /** The load stages of the redemption phase (ADR 67). */
    static final String WARM_UP = "warm-up";
    static final String MEASURED = "measured";
    static final String BESIDE_NOTIFY = "beside-notify";
    /** Notifies sent and discarded before the quiet notify measurement (JIT of the notify path). */
    static final int NOTIFY_WARMUP = 200;
    /**
     * The bench server's shared buffers (ADR 82): the 1.0 dataset is ~2.9 GB; with 256 MB the read phase read one page
     * per answer from the OS and the read p99s missed, with 2 GB they met all but one. {@code --pg-setting} overrides.
     */
    static final String SHARED_BUFFERS = "2GB";
    /** The open-loop notify alone: the latency at a gateway's arrival rate (ADR 78). */
    static String notifyAlone(int rate) {
        return "POST /shop/notify, alone, open " + rate + "/s";
    }

    /** The closed-loop notify alone: {@code clients} sending as fast as answers come, i.e. the throughput at saturation. */
    static String notifySaturation(int clients) {
        return "POST /shop/notify, saturation, " + clients + " clients";
    }

    /** The open-loop notify beside the redemptions' closed-loop load. */
    static String notifyBeside(int rate) {
        return "notify beside redemptions, open " + rate + "/s";
    }
    /** Codes issued per second of a redemption stage: room for ~3 000 redemptions/s. */
    private static final int CODES_PER_SECOND = 3_000;

    /** Codes for a redemption stage of {@code d}: ~3 000 per second, at least {@code floor}, at most 300 000. */
    static int codesFor(Duration d, int floor) {
        return (int) Math.min(300_000, Math.max(floor, d.toSeconds() * CODES_PER_SECOND));
    }

    /** The measured redemption row's name: it says whether the window was warmed and how long. */
    static String measuredName(Duration warmup) {
        return warmup.isZero() ? "POST /public/redeem, cold (no warm-up)" : "POST /public/redeem, after " + warmup.toSeconds() + " s warm-up";
    }

    /**
     * The line after the reads: how many answers each route's p99 rests on, and which routes the time cap stopped short
     * of the wanted count.
     */
    static String readSamples(List<HttpLoad.Result> reads, int wanted, Duration cap) {
        if (reads.isEmpty()) {
            return "read samples: no read route measured";
        }
        long least = reads.stream().mapToLong(HttpLoad.Result::requests).min().orElse(0);
        long most = reads.stream().mapToLong(HttpLoad.Result::requests).max().orElse(0);
        List<String> short_ = reads.stream().filter(r -> r.requests() < wanted).map(r -> r.name() + " " + r.requests()).toList();
        return String.format(java.util.Locale.ROOT, "read samples: %d routes, %,d–%,d answers each (wanted %,d, cap %d s per route); %s",
                reads.size(), least, most, wanted, cap.toSeconds(),
                short_.isEmpty() ? "every p99 rests on the wanted count" : "stopped by the cap: " + String.join(", ", short_));
    }

    /**
     * Before the reads (issue 17: "after autovacuum has settled"): {@code VACUUM (ANALYZE)} of the large tables once,
     * then a bounded wait until no autovacuum worker runs.
     */
    private void settle(Settling settling) throws InterruptedException {
        Settling.Vacuumed vacuumed = settling.vacuumAnalyse();
        Settling.Waited idle = settling.awaitAutovacuumIdle(Duration.ofSeconds(60));
        out.printf("before the reads: VACUUM (ANALYZE) of %s in %.1f s; autovacuum workers %s after %.1f s more%n",
                vacuumed.tables().isEmpty() ? "no table (none with " + Settling.LARGE_TABLE_ROWS + " rows)" : String.join(", ", vacuumed.tables()),
                seconds(vacuumed.took()), idle.quiet() ? "idle" : "still " + idle.stillRunning() + " running (60 s cap)", seconds(idle.waited()));
    }

    /** The line printed next to the redemption figure: redemptions/s ÷ TPC-B tps against issue 17's 0.40, or why not. */
    static String versusTpcB(double redemptionsPerSecond, OptionalDouble tps, String notMeasured) {
        if (tps.isEmpty() || tps.getAsDouble() <= 0) {
            return String.format("redemptions: %.0f/s; %s", redemptionsPerSecond, notMeasured);
        }
        double ratio = redemptionsPerSecond / tps.getAsDouble();
        return String.format("redemptions: %.0f/s ÷ TPC-B %.0f tps = %.2f (issue 17 target ≥ %.2f: %s)", redemptionsPerSecond,
                tps.getAsDouble(), ratio, TPCB_TARGET_RATIO, ratio >= TPCB_TARGET_RATIO ? "met" : "not met");
    }

    /**
     * The bench's in-process service logs its access lines ({@value #ACCESS_LOG}) at WARN only: at INFO they are one
     * line per redemption and per notify, thousands per run, between the figures. The service itself keeps them.
     */
    static String quietAccessLog() {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ACCESS_LOG);
        if (logger instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
            return "access log: " + ACCESS_LOG + " set to WARN in the bench (one INFO line per request otherwise)";
        }
        return "access log: " + ACCESS_LOG + " left as configured (logging backend " + logger.getClass().getName() + ")";
    }

    private DatasetSeeder.Dataset seed(EmbeddedDatabase database, SecretKeys secrets) {
        try (JooqPersistence service = JooqPersistence.connect(database.settings(2), secrets)) {
            // the schema belongs to the service role (ADR 27)
            service.migrate();
        }
        String hash = new BcryptPasswordHasher().hash(PASSWORD.toCharArray());
        out.printf("seeding the SPEC 11 dataset at scale %.4f ...%n", options.scale());
        // the bulk load bypasses triggers (session_replication_role), which only the superuser may do
        DatasetSeeder.Dataset d = DatasetSeeder.seed(database.superuserSettings(1), options.scale(), hash);
        out.printf("dataset: %,d codes, %,d invitations, %,d distributors (largest %s: %,d codes; tiny %s: %,d codes), "
                        + "%,d teams%n", d.codes(), d.invitations(), d.distributors(), d.largest().username(),
                d.largest().codes(), d.tiny().username(), d.tiny().codes(), d.teams());
        out.printf("seeding took %.1f s: load %.1f s, statistics_rebuild() %.1f s, analyze %.1f s%n",
                seconds(d.total()), seconds(d.loading()), seconds(d.rebuild()), seconds(d.analyse()));
        return d;
    }

    /** One read route of one distributor: its GET, or (get null) the row saying why it is skipped. */
    record ReadRoute(String name, LoadGenerator.Get get, String skipped) {
    }

    /** Rounds the read warm-up is split into: each round's p99 is printed, so a run shows whether the count sufficed. */
    static final int READ_WARMUP_ROUNDS = 4;
    /** The read warm-up's rounds in the load generator: {@code read-warm-up-1} … (ADR 70, 81). */
    static final String READ_WARM_UP = "read-warm-up";
    /** Each round of the read warm-up may take this long (it is bounded by its count long before). */
    private static final Duration READ_WARMUP_ROUND_CAP = Duration.ofMinutes(10);

    /** The label of measured read route {@code i} (0-based) in the load generator. */
    static String readLabel(int i) {
        return "read-" + (i + 1);
    }

    /**
     * Answers per route of each read warm-up round: {@code perRoute} split into at most {@value #READ_WARMUP_ROUNDS}
     * rounds (none when 0).
     */
    static List<Long> readWarmupRounds(long perRoute) {
        List<Long> rounds = new ArrayList<>();
        long done = 0;
        for (int round = 0; round < READ_WARMUP_ROUNDS && done < perRoute; round++) {
            long upTo = round == READ_WARMUP_ROUNDS - 1 ? perRoute : Math.max(done + 1, perRoute * (round + 1) / READ_WARMUP_ROUNDS);
            rounds.add(upTo - done);
            done = upTo;
        }
        return rounds;
    }

    /**
     * The read phase's load-generator stages, in order: the warm-up's rounds ({@code --read-warmup} answers per route,
     * round-robin over every route of both distributors, ADR 70), then one stage per route of {@code live} with
     * {@code --read-samples} answers at most and {@code --read-seconds} each.
     */
    List<LoadGenerator.Stage> readStages(List<ReadRoute> live) {
        List<LoadGenerator.Stage> stages = new ArrayList<>();
        List<LoadGenerator.Get> all = live.stream().map(ReadRoute::get).toList();
        List<Long> rounds = readWarmupRounds(options.readWarmup());
        for (int r = 0; r < rounds.size(); r++) {
            stages.add(new LoadGenerator.Stage(READ_WARM_UP + "-" + (r + 1), "read warm-up", READ_WARMUP_ROUND_CAP,
                    new LoadGenerator.Gets(all, rounds.get(r) * all.size())));
        }
        for (int i = 0; i < live.size(); i++) {
            stages.add(new LoadGenerator.Stage(readLabel(i), live.get(i).name(), options.readDuration(),
                    new LoadGenerator.Gets(List.of(live.get(i).get()), options.readSamples())));
        }
        return stages;
    }

    /**
     * The reads (issue 17, ADR 70 and 81): the warm-up, then every route in turn, run by the read clients in a child
     * JVM ({@link LoadGenerator}, {@code loadgenDir}) or with {@code --in-process-load} in this one; each route's
     * collections of this JVM beside its percentiles. Returns the rows for the figures (skipped routes included).
     */
    List<String> reads(HttpClient client, List<ReadRoute> routes, Path loadgenDir) throws InterruptedException {
        return reads(client, routes, loadgenDir, null);
    }

    /** As {@link #reads(HttpClient, List, Path)}; with {@code counts} (--statements) each route's statements per answer (ADR 84). */
    List<String> reads(HttpClient client, List<ReadRoute> routes, Path loadgenDir, StatementCounts counts) throws InterruptedException {
        return reads(client, routes, loadgenDir, counts, null);
    }

    /**
     * As {@link #reads(HttpClient, List, Path, StatementCounts)}; with {@code metrics} (the service's metrics page) read
     * right before the read load and right after it, one line per read route of the service's own timer beside the read
     * clients' figures, and one for every read route together, warm-up included on both sides (issue 17).
     */
    List<String> reads(HttpClient client, List<ReadRoute> routes, Path loadgenDir, StatementCounts counts, ServiceTimers.Page metrics)
            throws InterruptedException {
        List<ReadRoute> live = routes.stream().filter(r -> r.get() != null).toList();
        List<String> rows = new ArrayList<>();
        if (live.isEmpty()) {
            out.println("read warm-up: none (no read route to measure)");
            routes.forEach(r -> rows.add(r.skipped()));
            String samples = readSamples(List.of(), options.readSamples(), options.readDuration());
            out.println(samples);
            rows.add(samples);
            return rows;
        }
        List<LoadGenerator.Stage> stages = readStages(live);
        Map<String, Integer> routeOf = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            routeOf.put(readLabel(i), i);
        }
        // the service's timers after the warm-up's last answer (issue 17): the measured routes' own figures from there on
        boolean warmed = stages.size() > live.size();
        String lastWarmUp = warmed ? stages.get(stages.size() - live.size() - 1).label() : null;
        java.util.concurrent.atomic.AtomicReference<Map<String, ServiceTimers.Counts>> timersWarmed = new java.util.concurrent.atomic.AtomicReference<>();
        GcWatch[] watches = new GcWatch[live.size()];
        GcWatch.Seen[] seen = new GcWatch.Seen[live.size()];
        long[] startedAt = new long[live.size()];
        double[] seconds = new double[live.size()];
        long[] warmup = new long[2];
        String[] loadBefore = {null};
        List<Map<String, Long>> callsAtStart = new ArrayList<>(java.util.Collections.nCopies(live.size(), null));
        List<Map<String, Long>> callsAtEnd = new ArrayList<>(java.util.Collections.nCopies(live.size(), null));
        LoadGenerator.Window window = new LoadGenerator.Window() {
            @Override
            public void started(String stage) {
                Integer i = routeOf.get(stage);
                if (i == null) {
                    if (warmup[0] == 0) {
                        warmup[0] = System.nanoTime();
                    }
                    return;
                }
                if (loadBefore[0] == null) {
                    loadBefore[0] = loadAverage();
                }
                if (counts != null) {
                    callsAtStart.set(i, counts.topLevelCalls());
                }
                watches[i] = GcWatch.start();
                startedAt[i] = System.nanoTime();
            }

            @Override
            public void ended(String stage) {
                Integer i = routeOf.get(stage);
                if (i == null) {
                    warmup[1] = System.nanoTime();
                    if (metrics != null && warmed && stage.equals(lastWarmUp)) {
                        try {
                            timersWarmed.set(serviceTimers(metrics));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return;
                }
                seconds[i] = (System.nanoTime() - startedAt[i]) / 1e9;
                seen[i] = watches[i].stop();
                if (counts != null) {
                    callsAtEnd.set(i, counts.topLevelCalls());
                }
            }
        };
        out.println((options.inProcessLoad()
                ? "read load: in the bench JVM, beside the service (--in-process-load)"
                : "read load: in a child JVM (" + String.join(" ", LoadGenerator.CHILD_JVM_OPTIONS) + "), the service alone in this one")
                + String.format(java.util.Locale.ROOT, "; %d warm-up round(s), %d routes", stages.size() - live.size(), live.size()));
        LoadGenerator.Spec spec = new LoadGenerator.Spec(options.readClients(), stages);
        Map<String, ServiceTimers.Counts> timersBefore = metrics == null ? null : serviceTimers(metrics);
        LoadGenerator.Outcome outcome = options.inProcessLoad()
                ? LoadGenerator.inProcess(spec, client, window)
                : LoadGenerator.spawn(spec, loadgenDir, window, out);
        Map<String, ServiceTimers.Counts> timersAfter = timersBefore == null ? null : serviceTimers(metrics);

        List<HttpLoad.Result> warmRounds = outcome.stages().stream().filter(st -> st.label().startsWith(READ_WARM_UP + "-"))
                .map(LoadGenerator.Staged::result).toList();
        if (warmRounds.isEmpty()) {
            out.println("read warm-up: none (--read-warmup 0): the first route measured pays the start-up");
        } else {
            long perRoute = options.readWarmup();
            out.printf("read warm-up: %,d answers per route, round-robin over %d routes (%,d requests, %d failed) in %.1f s, "
                            + "discarded; p50 / p99 ms of its %d rounds: %s%n", perRoute, live.size(), perRoute * live.size(),
                    warmRounds.stream().mapToLong(HttpLoad.Result::failures).sum(), (warmup[1] - warmup[0]) / 1e9, warmRounds.size(),
                    String.join(", ", warmRounds.stream().map(r -> String.format(java.util.Locale.ROOT, "%.2f / %.2f",
                            r.p50().toNanos() / 1e6, r.p99().toNanos() / 1e6)).toList()));
        }
        out.printf("load average before the reads: %s%n", loadBefore[0] == null ? loadAverage() : loadBefore[0]);
        List<HttpLoad.Result> measured = new ArrayList<>();
        GcWatch.Seen gcTotal = GcWatch.Seen.NONE;
        double readSeconds = 0;
        long clientCpu = 0;
        boolean cpuKnown = !options.inProcessLoad();
        int next = 0;
        for (ReadRoute route : routes) {
            if (route.get() == null) {
                rows.add(route.skipped());
                continue;
            }
            int i = next++;
            LoadGenerator.Staged staged = outcome.stage(readLabel(i));
            HttpLoad.Result result = staged.result();
            out.println(seen[i].line(route.name(), result.p50().toNanos() / 1e6, result.p99().toNanos() / 1e6, seconds[i])
                    + readClients(options.inProcessLoad(), staged.cpuNanos(), result.requests()));
            if (counts != null && callsAtStart.get(i) != null && callsAtEnd.get(i) != null) {
                out.println("  " + route.name() + ": " + StatementCounts.perAnswer(callsAtStart.get(i), callsAtEnd.get(i), result.requests()));
            }
            gcTotal = gcTotal.plus(seen[i]);
            readSeconds += seconds[i];
            if (staged.cpuNanos().isPresent()) {
                clientCpu += staged.cpuNanos().getAsLong();
            } else {
                cpuKnown = false;
            }
            measured.add(result);
            rows.add(result.row());
        }
        String samples = readSamples(measured, options.readSamples(), options.readDuration());
        out.println(samples);
        rows.add(samples);
        long answers = measured.stream().mapToLong(HttpLoad.Result::requests).sum();
        String gcLine = gcTotal.totalLine(measured.size(), readSeconds)
                + readClients(options.inProcessLoad(), cpuKnown ? OptionalLong.of(clientCpu) : OptionalLong.empty(), answers);
        out.println(gcLine);
        rows.add(gcLine);
        if (timersBefore != null && timersAfter != null) {
            Map<String, ServiceTimers.Counts> measuredOnly = timersWarmed.get() == null ? null : ServiceTimers.since(timersWarmed.get(), timersAfter);
            for (String line : serviceSide(live, outcome, ServiceTimers.since(timersBefore, timersAfter), measuredOnly)) {
                out.println(line);
                rows.add(line);
            }
        }
        return rows;
    }

    /** The service's timers now, or null (said why) when the page cannot be read: the reads are measured all the same. */
    private Map<String, ServiceTimers.Counts> serviceTimers(ServiceTimers.Page metrics) throws InterruptedException {
        try {
            return ServiceTimers.parse(metrics.read());
        } catch (RuntimeException e) {
            out.println("service-side timers: not read (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * Issue 17's split: per service route label (the largest's and the tiny's share one, as do both sales pages) the
     * service's own count of answers and those over 5 and 10 ms — from the reading after the warm-up's last answer
     * ({@code measuredOnly}) when there is one, else from the one before the warm-up ({@code served}, the warm-up's
     * answers included) — beside the read clients' measured answers of those routes; then every read route together,
     * the warm-up's answers on both sides ({@code served}).
     */
    static List<String> serviceSide(List<ReadRoute> live, LoadGenerator.Outcome outcome, Map<String, ServiceTimers.Counts> served,
                                    Map<String, ServiceTimers.Counts> measuredOnly) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < live.size(); i++) {
            byLabel.computeIfAbsent(ServiceTimers.label(live.get(i).get().target()), k -> new ArrayList<>()).add(i);
        }
        List<String> lines = new ArrayList<>();
        ServiceTimers.Counts serviceAll = ServiceTimers.Counts.NONE;
        for (Map.Entry<String, List<Integer>> label : byLabel.entrySet()) {
            long answers = 0;
            long over5 = 0;
            long over10 = 0;
            List<String> names = new ArrayList<>();
            for (int i : label.getValue()) {
                HttpLoad.Result r = outcome.stage(readLabel(i)).result();
                answers += r.requests();
                over5 += r.over5ms();
                over10 += r.over10ms();
                names.add(live.get(i).name());
            }
            ServiceTimers.Counts service = served.getOrDefault(label.getKey(), ServiceTimers.Counts.NONE);
            serviceAll = serviceAll.plus(service);
            lines.add(measuredOnly == null ? ServiceTimers.line(label.getKey(), service, answers, over5, over10, names)
                    : ServiceTimers.measuredLine(label.getKey(), measuredOnly.getOrDefault(label.getKey(), ServiceTimers.Counts.NONE),
                    answers, over5, over10, names));
        }
        long answers = 0;
        long over5 = 0;
        long over10 = 0;
        for (LoadGenerator.Staged staged : outcome.stages()) {
            answers += staged.result().requests();
            over5 += staged.result().over5ms();
            over10 += staged.result().over10ms();
        }
        lines.add(ServiceTimers.totalLine(serviceAll, answers, over5, over10));
        return lines;
    }

    /**
     * What a read route's GC line ends with (ADR 81): whose collections it counts — the service JVM alone, the read clients
     * being in the load generator, with the client's own CPU over the route where reported — or, with
     * {@code --in-process-load}, the service's and the read clients' together.
     */
    static String readClients(boolean inProcess, OptionalLong clientCpuNanos, long answers) {
        if (inProcess) {
            return "; service JVM with the read clients in it (--in-process-load)";
        }
        if (clientCpuNanos.isEmpty()) {
            return "; service JVM only (read clients in the load generator, its CPU not reported)";
        }
        long cpu = clientCpuNanos.getAsLong();
        return String.format(java.util.Locale.ROOT, "; service JVM only (read clients in the load generator: %.2f s CPU, %.1f µs per answer)",
                cpu / 1e9, answers <= 0 ? 0 : cpu / 1e3 / answers);
    }

    /** The staff account the bench creates to read the service's metrics page (issue 17). */
    static final String STAFF = "bench-staff";

    /**
     * The service's {@code GET /metrics} as a staff account the bench creates ({@value #STAFF}, an admin: the bench's
     * service has none); null, said why, when there is no page to read (metrics off or on their own port, another admin).
     */
    ServiceTimers.Page staffMetricsPage(InviteHub hub, HttpClient client, String url) throws InterruptedException {
        if (hub.metrics().isEmpty()) {
            out.println("service-side timers: not read (the service's metrics are off)");
            return null;
        }
        if (hub.accounts().ensureAdmin(STAFF, PASSWORD.toCharArray()).isEmpty()) {
            out.println("service-side timers: not read (an admin exists already: the bench signs in only as its own)");
            return null;
        }
        String token = login(client, url, STAFF);
        return () -> {
            HttpResponse<String> page = get(client, url + "/metrics", token);
            if (page.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics as " + STAFF + " answered HTTP " + page.statusCode());
            }
            return page.body();
        };
    }

    /** The distributor read side as {@code d}: every route of /distributors/me/*, each skipped when not (yet) there. */
    List<ReadRoute> readRoutes(HttpClient client, String url, DatasetSeeder.Distributor d, String who) throws InterruptedException {
        List<ReadRoute> found = new ArrayList<>();
        String token = login(client, url, d.username());
        String me = url + "/api/v1/distributors/me";
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("summary", me + "/summary");
        routes.put("sales?limit=50 first page", me + "/sales?limit=50");
        routes.put("sales deep page", null);
        routes.put("members?limit=50", me + "/members?limit=50");
        routes.put("sales-trend?days=30", me + "/sales-trend?days=30");
        routes.put("codes?limit=50", me + "/codes?limit=50");
        for (Map.Entry<String, String> route : routes.entrySet()) {
            String name = who + " /me/" + route.getKey();
            String target = route.getValue();
            if (target == null) {
                Walk walk = walkSales(client, me, token);
                if (walk.status() != 200) {
                    found.add(new ReadRoute(name, null, HttpLoad.Result.skippedRow(name, why(walk.status()))));
                    continue;
                }
                if (walk.deepCursor() == null) {
                    found.add(new ReadRoute(name, null, HttpLoad.Result.skippedRow(name, "no second page (" + walk.pages() + " page(s) of sales in all)")));
                    continue;
                }
                name = who + " /me/sales page " + (walk.pages() + 1) + " (cursor)";
                target = me + "/sales?limit=50&cursor=" + URLEncoder.encode(walk.deepCursor(), StandardCharsets.UTF_8);
            }
            int status = get(client, target, token).statusCode();
            if (status != 200) {
                found.add(new ReadRoute(name, null, HttpLoad.Result.skippedRow(name, why(status))));
                continue;
            }
            found.add(new ReadRoute(name, new LoadGenerator.Get(URI.create(target), Map.of("Authorization", "Bearer " + token)), null));
        }
        return found;
    }

    private record Walk(int status, int pages, String deepCursor) {
    }

    /** Follows next_cursor of /me/sales?limit=50 for up to {@value #DEEP_PAGES} pages; the last cursor seen is the deep one. */
    private static Walk walkSales(HttpClient client, String me, String token) throws InterruptedException {
        HttpResponse<String> page = get(client, me + "/sales?limit=50", token);
        if (page.statusCode() != 200) {
            return new Walk(page.statusCode(), 0, null);
        }
        int pages = 1;
        String cursor = cursor(page.body());
        if (cursor == null) {
            // a route that hands out cursors only when asked for one
            page = get(client, me + "/sales?limit=50&cursor=", token);
            cursor = page.statusCode() == 200 ? cursor(page.body()) : null;
        }
        String deep = cursor;
        while (cursor != null && pages < DEEP_PAGES) {
            page = get(client, me + "/sales?limit=50&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), token);
            if (page.statusCode() != 200) {
                break;
            }
            pages++;
            deep = cursor;
            cursor = cursor(page.body());
            if (cursor != null) {
                deep = cursor;
            }
        }
        return new Walk(200, pages, deep);
    }

    private static String cursor(String body) {
        Matcher m = NEXT_CURSOR.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String why(int status) {
        return status == 404 ? "route not available yet (HTTP 404)" : "HTTP " + status + " on the probe request";
    }

    private static String login(HttpClient client, String url, String username) throws InterruptedException {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("bench: sign-in as " + username + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    private static HttpResponse<String> get(HttpClient client, String target, String token) throws InterruptedException {
        return send(client, HttpRequest.newBuilder(URI.create(target)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("bench: " + request.uri() + " failed", e);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /**
     * Successful redemptions per second, sustained: distinct single-use codes and e-mails, teams with room for all of
     * them, the dispatcher running. The same clients run three stages with codes of their own (ADR 67): a warm-up of
     * {@code --warmup-seconds} (discarded from the figures and the CPU readings), the measured window, and — when
     * {@code beside} is given — a window in which the notify load runs beside the redemptions. Afterwards the
     * invariants are checked over all three: no team over max_seats, exactly one use per successful redemption.
     */
    private Redeemed redemptions(InviteHub hub, HttpClient client, String base, StatementCounts counts, Path loadgenDir,
                                 OptionalLong postmaster, NotifyLoad beside) throws InterruptedException {
        // the redemptions go on a second longer than the open-loop notifies are due over
        Duration besideDuration = beside == null ? Duration.ZERO
                : NotifyLoad.openDuration(beside.orders(), options.notifyRate()).plusSeconds(1);
        int warmupCount = options.warmup().isZero() ? 0 : codesFor(options.warmup(), 1_000);
        int measuredCount = codesFor(options.duration(), 5_000);
        int besideCount = beside == null ? 0 : codesFor(besideDuration, 1_000);
        int codeCount = warmupCount + measuredCount + besideCount;
        SeatSummary before = hub.queries().seats();
        long seeding = System.nanoTime();
        int teams = createTeams(hub, codeCount, "bench");
        List<Code> codes = new ArrayList<>(codeCount);
        CodeTerms terms = new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty());
        while (codes.size() < codeCount) {
            codes.addAll(hub.issueCodes().issue(new IssueCodesCommand(io.invitehub.domain.user.Actor.system(), terms, Math.min(IssueCodesCommand.MAX_COUNT, codeCount - codes.size()))));
        }
        out.printf("redemption phase: created %d teams and issued %d single-use platform codes in %d ms%n", teams, codeCount,
                (System.nanoTime() - seeding) / 1_000_000);

        List<LoadGenerator.Redemption> redemptions = new ArrayList<>(codeCount);
        for (int n = 0; n < codeCount; n++) {
            redemptions.add(new LoadGenerator.Redemption(codes.get(n).value(), "bench" + n + "@example.com"));
        }
        return load("redemption", "POST /public/redeem (warm-up)", measuredName(options.warmup()), hub, client, base, counts,
                loadgenDir, postmaster, before, redemptions, warmupCount, measuredCount, beside, besideDuration);
    }

    /**
     * Distributor-code redemptions (issue 17, phase 5), after the platform-code phase: the same clients, seconds and
     * warm-up, single-use codes granted just before to the largest seeded distributor and a spread of the tail (in
     * proportion to what each owns, {@link DistributorPhase}), teams of their own. First the dispatcher drains the
     * platform phase's invitations (at most 2 min) so the two phases do not overlap. Afterwards the seats are checked as
     * in the platform phase, then — the dispatcher drained again — each owner's summary against its codes redeemed.
     */
    Distributed distributorRedemptions(InviteHub hub, HttpClient client, String base, StatementCounts counts, Path loadgenDir,
                                       OptionalLong postmaster, io.invitehub.adapter.out.persistence.PersistenceSettings superuser,
                                       DatasetSeeder.Dataset dataset, java.time.Instant platformStarted) throws InterruptedException {
        Settling settling = new Settling(superuser);
        Settling.Waited drained = settling.awaitDispatched(platformStarted, Duration.ofMinutes(2));
        out.printf("before the distributor-code phase: the dispatcher %s after %.1f s%n", drained.quiet()
                ? "had dispatched every earlier redemption" : "still had " + drained.stillRunning() + " invitations RESERVED",
                seconds(drained.waited()));
        int warmupCount = options.warmup().isZero() ? 0 : codesFor(options.warmup(), 1_000);
        int measuredCount = codesFor(options.duration(), 5_000);
        int codeCount = warmupCount + measuredCount;
        List<io.invitehub.bench.dataset.DistributorCodes.Owner> owners = DistributorPhase.choose(
                io.invitehub.bench.dataset.DistributorCodes.bySize(superuser), dataset.largest().id(), dataset.tiny().id(),
                DistributorPhase.DISTRIBUTORS);
        int[] shares = DistributorPhase.allocate(owners, codeCount);
        SeatSummary before = hub.queries().seats();
        long seeding = System.nanoTime();
        int teams = createTeams(hub, codeCount, "bench-dist");
        DistributorPhase.Prepared prepared = DistributorPhase.prepare(hub, owners, shares, "benchd");
        List<String> who = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            who.add(String.format(java.util.Locale.ROOT, "%s %,d", owners.get(i).username(), shares[i]));
        }
        out.printf("distributor-code phase: created %d teams and granted %,d single-use codes to %d distributors in %d ms (%s)%n",
                teams, codeCount, owners.size(), (System.nanoTime() - seeding) / 1_000_000, String.join(", ", who));
        java.time.Instant started = java.time.Instant.now();
        Redeemed redeemed = load(DISTRIBUTOR + " redemption", "distributor codes (warm-up)", distributorMeasuredName(options.warmup()),
                hub, client, base, counts, loadgenDir, postmaster, before, prepared.redemptions(), warmupCount, measuredCount, null,
                Duration.ZERO);
        Settling.Waited dispatched = settling.awaitDispatched(started, Duration.ofMinutes(2));
        Map<Long, io.invitehub.application.distributors.view.DistributorSummary> after = DistributorPhase.summaries(hub, owners);
        DistributorPhase.Checked checked = DistributorPhase.check(owners, prepared.before(), after,
                io.invitehub.bench.dataset.DistributorCodes.redeemedByOwner(superuser, DistributorPhase.NOTE), redeemed.successes(),
                io.invitehub.bench.dataset.DistributorCodes.overUsed(superuser, DistributorPhase.NOTE), dispatched.quiet());
        out.printf("after the distributor-code phase the dispatcher %s after %.1f s%n", dispatched.quiet()
                ? "had dispatched every redemption" : "still had " + dispatched.stillRunning() + " invitations RESERVED",
                seconds(dispatched.waited()));
        checked.lines().forEach(out::println);
        return new Distributed(redeemed, checked);
    }

    /** The measured distributor-code row's name (fits the table's 40 characters). */
    static String distributorMeasuredName(Duration warmup) {
        return warmup.isZero() ? "distributor codes, cold (no warm-up)" : "distributor codes, after " + warmup.toSeconds() + " s warm-up";
    }

    /** Teams of 500 seats with room for {@code codes} redemptions (at least ten), named {@code <prefix> team <n>}. */
    private static int createTeams(InviteHub hub, int codes, String prefix) {
        int teams = Math.max(10, codes / 500 + 1);
        for (int t = 0; t < teams; t++) {
            hub.teams().createTeam(new CreateTeamCommand(io.invitehub.domain.user.Actor.system(), prefix + " team " + t, prefix + "-" + t,
                    "token", 500, Optional.empty()));
        }
        return teams;
    }

    /**
     * Runs one redemption phase's stages — the first {@code warmupCount} of {@code redemptions} as the warm-up, the next
     * {@code measuredCount} measured, the rest beside {@code beside}'s notify load (when given) — in the load generator,
     * the CPU read around the measured stage; then checks the seats against the successes over every stage. {@code what}
     * names the phase in the lines it prints.
     */
    private Redeemed load(String what, String warmupName, String measuredName, InviteHub hub, HttpClient client, String base,
                          StatementCounts counts, Path loadgenDir, OptionalLong postmaster, SeatSummary before,
                          List<LoadGenerator.Redemption> redemptions, int warmupCount, int measuredCount, NotifyLoad beside,
                          Duration besideDuration) throws InterruptedException {
        java.time.Instant phase = java.time.Instant.now();
        int codeCount = redemptions.size();
        URI target = URI.create(base + "/api/v1/public/redeem");
        List<LoadGenerator.Stage> stages = new ArrayList<>();
        if (warmupCount > 0) {
            stages.add(new LoadGenerator.Stage(WARM_UP, warmupName, options.warmup(), target, redemptions.subList(0, warmupCount)));
        }
        stages.add(new LoadGenerator.Stage(MEASURED, measuredName, options.duration(), target,
                redemptions.subList(warmupCount, warmupCount + measuredCount)));
        if (beside != null) {
            stages.add(new LoadGenerator.Stage(BESIDE_NOTIFY, "POST /public/redeem, beside notify", besideDuration, target,
                    redemptions.subList(warmupCount + measuredCount, codeCount)));
        }
        LoadGenerator.Spec spec = new LoadGenerator.Spec(options.clients(), stages);
        CpuMeter meter = new CpuMeter(ProcessCpu.system(), postmaster);
        LoadGenerator.Window cpu = LoadGenerator.Window.around(MEASURED, meter::started, meter::ended);
        NotifyLoad.Running[] notify = new NotifyLoad.Running[1];
        // --statements: what the backends wait on during the measured stage (issue 17, phase 7), printed after the load
        io.invitehub.bench.dataset.WaitSampler[] waits = new io.invitehub.bench.dataset.WaitSampler[1];
        io.invitehub.bench.dataset.WaitSampler.Tally[] waited = new io.invitehub.bench.dataset.WaitSampler.Tally[1];
        LoadGenerator.Window window = new LoadGenerator.Window() {
            @Override
            public void started(String stage) {
                if (stage.equals(MEASURED) && counts != null) {
                    counts.reset(out);
                    waits[0] = counts.sampleWaits();
                }
                cpu.started(stage);
                if (stage.equals(BESIDE_NOTIFY)) {
                    notify[0] = beside.startOpen(notifyBeside(options.notifyRate()), options.notifyRate());
                }
            }

            @Override
            public void ended(String stage) {
                cpu.ended(stage);
                if (stage.equals(MEASURED) && waits[0] != null) {
                    try {
                        waited[0] = waits[0].stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        out.println((options.inProcessLoad()
                ? what + " load: in the bench JVM, beside the service (--in-process-load)"
                : what + " load: in a child JVM (" + String.join(" ", LoadGenerator.CHILD_JVM_OPTIONS) + "), the service alone in this one")
                + "; stages " + String.join(", ", stages.stream().map(st -> st.label() + " " + st.duration().toSeconds() + " s").toList()));
        LoadGenerator.Outcome outcome = options.inProcessLoad()
                ? LoadGenerator.inProcess(spec, client, window)
                : LoadGenerator.spawn(spec, loadgenDir, window, out);
        LoadGenerator.Staged measured = outcome.stage(MEASURED);
        HttpLoad.Result result = measured.result();
        List<String> rows = new ArrayList<>();
        if (warmupCount > 0) {
            HttpLoad.Result w = outcome.stage(WARM_UP).result();
            String line = String.format(java.util.Locale.ROOT, what + " warm-up: %,d redemptions (%d failed) in %d s, %.0f/s, p99 %.1f ms — "
                    + "discarded from the figures and the CPU readings, counted in the invariants", w.requests(), w.failures(),
                    options.warmup().toSeconds(), w.perSecond(), w.p99().toNanos() / 1e6);
            out.println(line);
            rows.add(line);
        }
        rows.add(result.row());
        if (waited[0] != null) {
            waited[0].print(what, waits[0].interval(), out);
        }
        if (counts != null) {
            counts.awaitDispatched(phase);
            counts.print(result.requests() - result.failures(), out);
        }
        if (beside != null) {
            OpenLoad.Result notified = notify[0] == null ? null : notify[0].result();
            rows.add(outcome.stage(BESIDE_NOTIFY).result().row());
            if (notified != null) {
                rows.add(notified.answers().row());
                out.println(notified.line());
                rows.add(notified.line());
            }
        }

        SeatSummary seats = hub.queries().seats();
        long overfull = hub.teams().listTeams().stream().filter(t -> t.seatsInUse() > t.maxSeats()).count();
        long taken = seats.usedSeats() + seats.waiting() - before.usedSeats() - before.waiting();
        long failures = outcome.stages().stream().mapToLong(st -> st.result().failures()).sum();
        out.printf("after the " + what + " load (%s): %d seats used of %d (%d more than before, %d successful redemptions), %d waiting, "
                + "%d teams over max_seats, %d failed requests%n", String.join(" + ", stages.stream().map(LoadGenerator.Stage::label).toList()),
                seats.usedSeats(), seats.totalSeats(), taken, outcome.successes(), seats.waiting(), overfull, failures);
        if (overfull > 0 || taken != outcome.successes()) {
            out.println("INVARIANT BROKEN: seats used + waiting must equal successful redemptions, no team over max_seats");
        }
        int teamsWithMembers = (int) hub.teams().listTeams().stream().filter(t -> t.seatsReserved() > 0).count();
        out.printf("teams with members: %d; largest: %d seats%n", teamsWithMembers,
                hub.teams().listTeams().stream().map(Team::seatsReserved).max(Comparator.naturalOrder()).orElse(0));
        if (outcome.lifetimeCpuNanos().isPresent() && outcome.successes() > 0) {
            out.printf(java.util.Locale.ROOT, "load generator's whole life (JVM start and exit, every stage): %.1f s CPU, %.2f ms per each of "
                    + "its %d successful redemptions%n", outcome.lifetimeCpuNanos().getAsLong() / 1e9,
                    outcome.lifetimeCpuNanos().getAsLong() / 1e6 / outcome.successes(), outcome.successes());
        }
        // the child's lifetime CPU spans every stage: it is printed above, not divided by the measured window's count
        return new Redeemed(result, new CpuReport.Redemptions(result.requests() - result.failures(), meter.elapsed(), meter.jvm(),
                meter.postgres(), meter.postgresProcesses(), options.inProcessLoad(), measured.cpuNanos(), OptionalLong.empty()), rows,
                outcome.successes());
    }

    /** The shop's fixtures: a one-code plan and the buyer (the tiny distributor) whose orders the notify loads pay. */
    private static final class Shop {
        private final InviteHub hub;
        private final HttpClient client;
        private final String base;
        private final io.invitehub.domain.user.UserId buyer;
        private final io.invitehub.domain.order.Plan small;

        Shop(InviteHub hub, HttpClient client, String base, long buyerId) {
            this.hub = hub;
            this.client = client;
            this.base = base;
            this.buyer = new io.invitehub.domain.user.UserId(buyerId);
            this.small = hub.plans().create(io.invitehub.domain.user.Actor.system(), new io.invitehub.domain.order.PlanSpec("bench small",
                    io.invitehub.domain.order.PlanType.DISTRIBUTOR_CODES, io.invitehub.domain.shared.Money.ofMinor(100,
                    io.invitehub.domain.shared.Money.CNY), Optional.empty(), 1, 1, 30, true, false, 0, Optional.empty()));
        }

        NotifyLoad notifies(int orders) throws InterruptedException {
            return NotifyLoad.prepare(hub, client, base, small, buyer, orders);
        }
    }

    /** Closed-loop notify clients of the warm-up and the saturation figure (as many as before ADR 67: four per read client). */
    private int notifyClients() {
        return options.readClients() * 4;
    }

    /**
     * The shop (SPEC 11: notify p99 ≤ 20 ms whatever the order size, fulfilment of 100 000 codes ≤ 3 s), right after the
     * reads (ADR 78): the notify alone ({@link NotifyLoad}: distinct one-code orders, after a discarded warm-up batch,
     * with no other load — the fulfilments of earlier orders drained first) twice — open-loop at {@code --notify-rate}
     * (the latency a gateway calling back at that rate sees, from each notify's scheduled time) and closed-loop from
     * {@link #notifyClients()} clients (the saturation throughput; its latency is their queue) — then one 100 000-code
     * order paid and timed until the fulfilment worker reports COMPLETED, then the grants.
     */
    private List<String> shop(InviteHub hub, HttpClient client, String base, Shop shop, StatementCounts counts,
                              io.invitehub.adapter.out.persistence.PersistenceSettings superuser, int fulfilmentBatch,
                              int fulfilmentParallelism)
            throws InterruptedException {
        io.invitehub.bench.dataset.WalMeter wal = new io.invitehub.bench.dataset.WalMeter(superuser);
        io.invitehub.bench.dataset.IoMeter pageIo = new io.invitehub.bench.dataset.IoMeter(superuser);
        io.invitehub.domain.user.Actor system = io.invitehub.domain.user.Actor.system();
        io.invitehub.domain.order.Plan big = hub.plans().create(system, new io.invitehub.domain.order.PlanSpec("bench 1000",
                io.invitehub.domain.order.PlanType.DISTRIBUTOR_CODES, io.invitehub.domain.shared.Money.ofMinor(100,
                io.invitehub.domain.shared.Money.CNY), Optional.empty(), 1000, 1, 30, true, false, 0, Optional.empty()));
        io.invitehub.domain.user.UserId buyer = shop.buyer;
        int rate = options.notifyRate();
        long preparing = System.nanoTime();
        NotifyLoad warmup = shop.notifies(NOTIFY_WARMUP);
        NotifyLoad open = shop.notifies(NotifyLoad.openOrders(rate));
        NotifyLoad saturation = shop.notifies(NotifyLoad.ORDERS);
        out.printf("shop phase: %d orders placed and their sandbox notifications signed in %d ms%n",
                warmup.orders() + open.orders() + saturation.orders(), (System.nanoTime() - preparing) / 1_000_000);
        warmup.run("warm-up", notifyClients(), NotifyLoad.CAP);
        Duration drained = drainFulfilment(hub);
        out.printf("notify alone: open-loop at %d/s (%,d notifies due over %.1f s), after a discarded warm-up of %d notifies from %d "
                        + "clients and %.1f s for the fulfilment worker to drain%n", rate, open.orders(),
                seconds(NotifyLoad.openDuration(open.orders(), rate)), NOTIFY_WARMUP, notifyClients(), seconds(drained));
        List<String> rows = new ArrayList<>();
        if (counts != null) {
            counts.reset(out);
        }
        OpenLoad.Result alone = open.open(notifyAlone(rate), rate);
        rows.add(alone.answers().row());
        out.println(alone.line());
        rows.add(alone.line());
        if (counts != null) {
            // the fulfilment of every order paid in the run is part of a notify's cost: counted once drained
            drainFulfilment(hub);
            counts.print(alone.answers().requests() - alone.answers().failures(), "notify", out);
        }
        drained = drainFulfilment(hub);
        out.printf("notify at saturation: %d closed-loop clients sending as fast as answers come, at most %d s, after %.1f s for the "
                + "fulfilment worker to drain%n", notifyClients(), NotifyLoad.CAP.toSeconds(), seconds(drained));
        rows.add(saturation.run(notifySaturation(notifyClients()), notifyClients(), NotifyLoad.CAP).row());

        io.invitehub.application.shop.port.in.PlacedOrder placed = hub.shop().place(new io.invitehub.application.shop.port.in.PlaceOrderCommand(
                buyer, big.id(), 100, io.invitehub.domain.order.PayType.of("alipay")));
        String form = NotifyLoad.signedNotification(client, placed.payUrl());
        // let the worker drain the small orders first, so the timing is the big order's alone
        drainFulfilment(hub);
        io.invitehub.bench.dataset.WalMeter.Reading walBefore = wal.read();
        io.invitehub.bench.dataset.IoMeter.Reading ioBefore = pageIo.read();
        long start = System.nanoTime();
        HttpResponse<String> paid = send(client, HttpRequest.newBuilder(URI.create(base + "/api/v1/public/shop/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        long notified = System.nanoTime();
        io.invitehub.domain.order.Order order;
        do {
            Thread.sleep(20);
            order = hub.shop().myOrder(buyer, placed.order().orderNo());
        } while (order.fulfilment().status() != io.invitehub.domain.order.FulfilmentStatus.COMPLETED
                && order.fulfilment().status() != io.invitehub.domain.order.FulfilmentStatus.FAILED
                && System.nanoTime() - start < Duration.ofMinutes(10).toNanos());
        long done = System.nanoTime();
        // the batch size and how many batches run at once (INVITEHUB_FULFILMENT_BATCH and _PARALLELISM, ADR 83)
        String line = String.format("fulfilment of one %,d-code order (batches of %,d, parallelism %d): notify answered '%s' in %.1f ms; "
                        + "%s with %,d codes %.2f s after the notify",
                order.codesTotal(), fulfilmentBatch, fulfilmentParallelism, paid.body(), (notified - start) / 1e6, order.fulfilment().status(), order.fulfilment().delivered(),
                (done - start) / 1e9);
        out.println(line);
        rows.add(line);
        // what the fulfilment wrote to the WAL (a page's first change after a checkpoint is a full-page image)
        String walLine = "fulfilment's WAL (pg_walinspect): " + wal.since(walBefore).line();
        out.println(walLine);
        rows.add(walLine);
        // and what it did with pages: found in shared buffers, read from the OS, written out to evict (phase 7)
        String ioLine = "fulfilment's page I/O (pg_stat_io): " + pageIo.since(ioBefore).line();
        out.println(ioLine);
        rows.add(ioLine);
        // and where a batch's time goes inside PostgreSQL: the insert itself, each foreign-key check, the statistics trigger
        String planLine = String.format("fulfilment's insert explained (one batch of %,d codes, median of 3, rolled back): %s", fulfilmentBatch,
                new io.invitehub.bench.dataset.InsertPlan(superuser).median(buyer.value(), fulfilmentBatch, 3).line());
        out.println(planLine);
        rows.add(planLine);
        rows.add(grants(hub, buyer));
        return rows;
    }

    /** Waits (at most five minutes) until the fulfilment worker has no open order; returns how long it took. */
    private static Duration drainFulfilment(InviteHub hub) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        while (hub.orderAdmin().stats(io.invitehub.domain.user.Actor.system()).fulfilmentOpen() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Admin grants (SPEC 7, {@code POST /distributors/{id}/grant-codes}): {@value #GRANTS} grants of the
     * largest allowed count to one distributor through the use case (the same insert as fulfilment, plus
     * the audit entry), each timed on its own; the best is the least disturbed by other load.
     */
    private String grants(InviteHub hub, io.invitehub.domain.user.UserId distributor) {
        CodeTerms terms = new CodeTerms(Optional.of(distributor), 1, 30,
                Optional.of(java.time.Instant.now().plus(Duration.ofDays(90))), Optional.empty(), 1, Optional.of("bench grant"));
        List<String> times = new ArrayList<>();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < GRANTS; i++) {
            long start = System.nanoTime();
            int issued = hub.issueCodes().issue(new IssueCodesCommand(io.invitehub.domain.user.Actor.system(), terms,
                    IssueCodesCommand.MAX_COUNT)).size();
            double ms = (System.nanoTime() - start) / 1e6;
            if (issued != IssueCodesCommand.MAX_COUNT) {
                throw new IllegalStateException("bench: a grant issued " + issued + " codes");
            }
            best = Math.min(best, ms);
            times.add(String.format("%.0f", ms));
        }
        String line = String.format("grant of %,d codes to one distributor: best %.0f ms (runs: %s ms)",
                IssueCodesCommand.MAX_COUNT, best, String.join(", ", times));
        out.println(line);
        return line;
    }

    /** PostgreSQL may run as another user (in the user namespace of bin/java-userns): the log directory is open to it. */
    private static void createWritableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
