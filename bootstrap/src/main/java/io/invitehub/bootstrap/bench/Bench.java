package io.invitehub.bootstrap.bench;

import io.invitehub.application.port.in.CreateTeamCommand;
import io.invitehub.application.port.in.IssueCodesCommand;
import io.invitehub.application.port.out.SeatSummary;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.bootstrap.config.Settings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.team.Team;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code bench} command: starts InviteHub on a fresh embedded PostgreSQL (a throw-away data
 * directory under the data dir), seeds a dataset, drives the real HTTP API from concurrent clients
 * on loopback and prints figures. Nothing here is a pass/fail test; docs/performance.md records runs.
 */
public final class Bench {
    private final BenchOptions options;
    private final PrintStream out;

    public Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Options of one run; {@code scale} multiplies the dataset (1.0 = the redemption phase's full size). */
    public record BenchOptions(double scale, int clients, Duration duration) {
        public static BenchOptions parse(String[] args) {
            double scale = 0.1;
            int clients = 16;
            Duration duration = Duration.ofSeconds(20);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scale": scale = Double.parseDouble(args[++i]); break;
                    case "--clients": clients = Integer.parseInt(args[++i]); break;
                    case "--seconds": duration = Duration.ofSeconds(Long.parseLong(args[++i])); break;
                    default: throw new IllegalArgumentException("unknown bench option " + args[i]
                            + " (use --scale <factor> --clients <n> --seconds <s>)");
                }
            }
            if (scale <= 0 || scale > 10 || clients < 1 || clients > 256 || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--scale must be in (0, 10], --clients in [1, 256], --seconds positive");
            }
            return new BenchOptions(scale, clients, duration);
        }
    }

    public void run(Settings base) throws InterruptedException {
        Path dir = base.dataDir().toAbsolutePath().resolve("bench-" + System.currentTimeMillis());
        Map<String, String> env = new HashMap<>();
        env.put("INVITEHUB_DATA_DIR", dir.toString());
        env.put("INVITEHUB_HTTP_PORT", "0");
        env.put("INVITEHUB_DEMO", "false");
        env.put("INVITEHUB_DB_POOL_SIZE", "24");
        env.put("INVITEHUB_HTTP_MAX_THREADS", "64");
        env.put("INVITEHUB_REDEEM_PER_ADDRESS_PER_MINUTE", "1000000");
        env.put("INVITEHUB_REDEEM_PER_EMAIL_PER_MINUTE", "1000000");
        env.put("INVITEHUB_SIM_MAX_LATENCY", "0ms");
        env.put("INVITEHUB_DISPATCH_THREADS", "2");
        Settings settings = Settings.from(env);
        out.printf("bench: scale %.3f, %d clients, %d s per measurement, data in %s%n", options.scale(), options.clients(),
                options.duration().toSeconds(), dir);
        try (InviteHub hub = InviteHub.builder(settings).start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String base0 = "http://127.0.0.1:" + hub.httpPort().orElseThrow();
            List<HttpLoad.Result> results = new ArrayList<>();
            results.add(redemptions(hub, client, base0));
            out.println();
            out.println(HttpLoad.Result.header());
            results.forEach(r -> out.println(r.row()));
            out.println();
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * Successful redemptions per second, sustained: distinct single-use codes and e-mails, teams with
     * room for all of them, the dispatcher running. Afterwards the invariants are checked: no team
     * over max_seats, exactly one use per redemption.
     */
    private HttpLoad.Result redemptions(InviteHub hub, HttpClient client, String base) throws InterruptedException {
        int codeCount = (int) Math.max(2_000, 200_000 * options.scale());
        int teams = Math.max(10, codeCount / 500 + 1);
        long seeding = System.nanoTime();
        for (int t = 0; t < teams; t++) {
            hub.teams().createTeam(new CreateTeamCommand(io.invitehub.domain.user.Actor.system(), "bench team " + t, "bench-" + t, "token", 500, Optional.empty()));
        }
        List<Code> codes = new ArrayList<>(codeCount);
        CodeTerms terms = new CodeTerms(Optional.empty(), 1, 30, Optional.empty(), Optional.empty(), 1, Optional.empty());
        while (codes.size() < codeCount) {
            codes.addAll(hub.issueCodes().issue(new IssueCodesCommand(io.invitehub.domain.user.Actor.system(), terms, Math.min(IssueCodesCommand.MAX_COUNT, codeCount - codes.size()))));
        }
        out.printf("seeded %d teams and %d codes in %d ms%n", teams, codeCount, (System.nanoTime() - seeding) / 1_000_000);

        HttpLoad.Result result = HttpLoad.run("POST /public/redeem (new codes)", client, options.clients(), options.duration(),
                codeCount, n -> HttpRequest.newBuilder(URI.create(base + "/api/v1/public/redeem"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + codes.get((int) n).value()
                                + "\",\"email\":\"bench" + n + "@example.com\"}"))
                        .build(),
                status -> status == 200);

        SeatSummary seats = hub.queries().seats();
        long overfull = hub.teams().listTeams().stream().filter(t -> t.seatsInUse() > t.maxSeats()).count();
        out.printf("after the redemption load: %d seats used of %d, %d waiting, %d teams over max_seats, %d failed requests%n",
                seats.usedSeats(), seats.totalSeats(), seats.waiting(), overfull, result.failures());
        if (overfull > 0 || seats.usedSeats() + seats.waiting() != result.requests() - result.failures()) {
            out.println("INVARIANT BROKEN: seats used + waiting must equal successful redemptions, no team over max_seats");
        }
        int teamsWithMembers = (int) hub.teams().listTeams().stream().filter(t -> t.seatsReserved() > 0).count();
        out.printf("teams with members: %d; largest: %d seats%n", teamsWithMembers,
                hub.teams().listTeams().stream().map(Team::seatsReserved).max(Comparator.naturalOrder()).orElse(0));
        return result;
    }

    private static void deleteQuietly(Path dir) {
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
