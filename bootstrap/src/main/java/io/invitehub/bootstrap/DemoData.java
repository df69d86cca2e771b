package io.invitehub.bootstrap;

import io.invitehub.application.codes.port.in.IssueCodesCommand;
import io.invitehub.application.teams.port.in.CreateTeamCommand;
import io.invitehub.library.config.Settings;
import io.invitehub.domain.code.Code;
import io.invitehub.domain.code.CodeTerms;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.order.PlanSpec;
import io.invitehub.domain.order.PlanType;
import io.invitehub.domain.shared.Money;
import io.invitehub.domain.user.Actor;
import io.invitehub.domain.user.User;
import io.invitehub.bootstrap.timing.StartSteps;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * First-start accounts and data. The admin exists in every mode (password from
 * {@code INVITEHUB_ADMIN_PASSWORD}, else generated and printed once). In demo mode (the embedded
 * default) a team pool on the simulated provider, a demo distributor, a few codes and two plans on
 * sale (bought through the sandbox gateway) are created once, when there are no teams yet.
 */
public final class DemoData {
    static final String DEMO_DISTRIBUTOR = "demo-distributor";
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoData() {
    }

    /** What was created now; empty lists and no passwords on a restart. */
    public record Seeded(boolean adminCreated, Optional<String> adminPassword, Optional<String> distributorPassword,
                  List<Code> platformCodes, List<Code> distributorCodes, int teamsCreated, List<Plan> plans) {
    }

    public static Seeded seed(InviteHub hub, Settings settings) {
        return seed(hub, settings, StartSteps.now());
    }

    /** As {@link #seed(InviteHub, Settings)}, timing the admin account and the demo data as start steps from {@code steps}' last one. */
    public static Seeded seed(InviteHub hub, Settings settings, StartSteps steps) {
        String adminPassword = settings.accounts().adminPassword().orElseGet(DemoData::generatedPassword);
        Optional<User> admin = hub.accounts().ensureAdmin(settings.accounts().adminUsername(), adminPassword.toCharArray());
        steps.step("admin account");
        Optional<String> shownAdminPassword = admin.isPresent() && settings.accounts().adminPassword().isEmpty()
                ? Optional.of(adminPassword) : Optional.empty();
        if (!settings.demo() || !hub.teams().listTeams().isEmpty()) {
            steps.step("demo data (none to create)");
            return new Seeded(admin.isPresent(), shownAdminPassword, Optional.empty(), List.of(), List.of(), 0, List.of());
        }
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Demo Team Alpha", "demo-alpha", "simulated-token", 5, Optional.empty()));
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Demo Team Beta", "demo-beta", "simulated-token", 5, Optional.empty()));
        hub.teams().createTeam(new CreateTeamCommand(Actor.system(), "Demo Team Gamma", "demo-gamma", "simulated-token", 10, Optional.empty()));
        String distributorPassword = generatedPassword();
        User distributor = hub.distributors().create(Actor.system(), DEMO_DISTRIBUTOR, "demo-distributor@example.com",
                distributorPassword.toCharArray());
        List<Code> platform = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.empty(), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("demo platform code")), 5));
        List<Code> granted = hub.issueCodes().issue(new IssueCodesCommand(Actor.system(), new CodeTerms(Optional.of(distributor.id()), 1, 30,
                Optional.empty(), Optional.empty(), CodeTerms.DEFAULT_REBIND_LIMIT, Optional.of("demo distributor code")), 5));
        List<Plan> plans = List.of(
                hub.plans().create(Actor.system(), new PlanSpec("Demo pack of 10 codes", PlanType.DISTRIBUTOR_CODES,
                        Money.ofMinor(9_900, settings.statistics().currency()), Optional.of(Money.ofMinor(12_900, settings.statistics().currency())), 10, 1, 30,
                        true, true, 1, Optional.of("Ten single-use codes, 30 days of membership each (demo plan)"))),
                hub.plans().create(Actor.system(), new PlanSpec("Demo pack of 100 codes", PlanType.DISTRIBUTOR_CODES,
                        Money.ofMinor(89_900, settings.statistics().currency()), Optional.empty(), 100, 1, 30,
                        true, false, 2, Optional.of("A hundred single-use codes, 30 days of membership each (demo plan)"))));
        // what the official link (/invite/{code}) shows customers, with its price; an own link never does
        hub.plans().create(Actor.system(), new PlanSpec("One seat, 30 days", PlanType.PUBLIC, Money.ofMinor(1_990, settings.statistics().currency()),
                Optional.of(Money.ofMinor(2_990, settings.statistics().currency())), 1, 1, 30, true, true, 1,
                Optional.of("One code for one seat, 30 days of membership (demo plan)")));
        steps.step("demo data (teams, distributor, codes, plans)");
        return new Seeded(admin.isPresent(), shownAdminPassword, Optional.of(distributorPassword), platform, granted, 3, plans);
    }

    public static void print(Seeded seeded, Settings settings, int port, PrintStream out) {
        String base = "http://" + ("0.0.0.0".equals(settings.http().host()) ? "127.0.0.1" : settings.http().host()) + ":" + port;
        List<String> lines = new ArrayList<>();
        lines.add("InviteHub is ready on " + base + "   (health: " + base + "/health)");
        lines.add("Console: " + base + "/console   (distributors sign in here; the demo distributor's password is below on first start)");
        if (settings.embeddedDatabase()) {
            lines.add("Data: embedded PostgreSQL in " + settings.database().dataDir().toAbsolutePath().resolve("postgres") + " (kept across restarts; delete " + settings.database().dataDir() + " to start over)");
        }
        if (seeded.adminPassword().isPresent()) {
            lines.add("Admin account: " + settings.accounts().adminUsername() + " / " + seeded.adminPassword().get() + "   (shown once: note it now)");
        } else if (seeded.adminCreated()) {
            lines.add("Admin account: " + settings.accounts().adminUsername() + " (password from INVITEHUB_ADMIN_PASSWORD)");
        } else {
            lines.add("Admin account: " + settings.accounts().adminUsername() + " exists (its password was set when it was created; "
                    + "INVITEHUB_ADMIN_PASSWORD applies only to that first creation)");
        }
        seeded.distributorPassword().ifPresent(p -> lines.add("Demo distributor: " + DEMO_DISTRIBUTOR + " / " + p + "   (shown once)"));
        if (seeded.teamsCreated() > 0) {
            lines.add("Demo teams: " + seeded.teamsCreated() + " on the simulated provider (20 seats in all)");
        }
        if (!seeded.platformCodes().isEmpty()) {
            lines.add("Demo platform codes: " + String.join("  ", seeded.platformCodes().stream().map(Code::display).toList()));
            lines.add("Demo distributor codes: " + String.join("  ", seeded.distributorCodes().stream().map(Code::display).toList()));
            lines.add("Sign in: curl -s -X POST " + base + "/api/v1/auth/login -d 'username=" + settings.accounts().adminUsername()
                    + "&password=…'   then send 'Authorization: Bearer <access_token>'");
            lines.add("Try: curl -s -X POST " + base + "/api/v1/public/redeem -H 'Content-Type: application/json' -d '{\"code\":\""
                    + seeded.platformCodes().get(0).display() + "\",\"email\":\"you@example.com\"}'");
        }
        if (!seeded.plans().isEmpty()) {
            lines.add("Buy codes (sandbox payments): as " + DEMO_DISTRIBUTOR + ", POST " + base
                    + "/api/v1/distributors/me/code-orders {\"plan_id\":" + seeded.plans().get(0).id().value()
                    + ",\"quantity\":1,\"pay_type\":\"alipay\"} and open the pay_url it returns");
        }
        lines.add("API reference: docs/api.md   Configuration: docs/configuration.md");
        out.println();
        lines.forEach(l -> out.println("  " + l));
        out.println();
    }

    private static String generatedPassword() {
        StringBuilder p = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            p.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return p.toString();
    }
}
