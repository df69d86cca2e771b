package io.invitehub.bench;

import io.invitehub.application.shop.port.in.PlaceOrderCommand;
import io.invitehub.bootstrap.InviteHub;
import io.invitehub.domain.order.PayType;
import io.invitehub.domain.order.Plan;
import io.invitehub.domain.user.UserId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's notify load (SPEC 11: notify p99 ≤ 20 ms; issue 17: "with quiet callbacks, and under the redemption
 * load, both reported"): distinct PENDING one-code orders placed beforehand, each with the signed notification of its
 * sandbox pay page, then sent to {@code POST /public/shop/notify} (each the full path: verify, lock, mark PAID,
 * enqueue) either from closed-loop clients ({@link #run}: the saturation figure, its throughput) or open-loop at a fixed
 * rate ({@link #open}: the latency a gateway calling back at that rate sees, ADR 78). One batch per measurement; each
 * order is paid once.
 */
final class NotifyLoad {
    /** Orders per measurement: the sample count of its p99 at most (the cap may end it sooner). */
    static final int ORDERS = 2_000;
    /** The longest one closed-loop notify measurement runs. */
    static final Duration CAP = Duration.ofSeconds(10);
    /** The longest one open-loop notify measurement is due over: fewer orders than {@link #ORDERS} at a low rate. */
    static final Duration OPEN_CAP = Duration.ofSeconds(60);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    private final HttpClient client;
    private final URI target;
    private final List<String> forms;

    private NotifyLoad(HttpClient client, URI target, List<String> forms) {
        this.client = client;
        this.target = target;
        this.forms = List.copyOf(forms);
    }

    /** Places {@code orders} one-code orders of {@code plan} for {@code buyer} and signs their notifications. */
    static NotifyLoad prepare(InviteHub hub, HttpClient client, String base, Plan plan, UserId buyer, int orders)
            throws InterruptedException {
        List<String> forms = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            forms.add(signedNotification(client, hub.shop().place(new PlaceOrderCommand(buyer, plan.id(), 1, PayType.of("alipay"))).payUrl()));
        }
        return new NotifyLoad(client, URI.create(base + "/api/v1/public/shop/notify"), forms);
    }

    int orders() {
        return forms.size();
    }

    /** Sends every notification once from {@code clients} closed loops, for at most {@code cap}; 200 is a success. */
    HttpLoad.Result run(String name, int clients, Duration cap) throws InterruptedException {
        return HttpLoad.run(name, client, clients, cap, forms.size(), n -> request(forms.get((int) n)), status -> status == 200);
    }

    /**
     * Sends every notification once, open-loop ({@link OpenLoad}, ADR 78): one due every {@code 1 / rate} s by the wall
     * clock whatever the answers do — a gateway calls back at the rate orders are paid — each latency from its
     * scheduled time; 200 is a success.
     */
    OpenLoad.Result open(String name, int rate) throws InterruptedException {
        return OpenLoad.run(name, client, rate, forms.size(), n -> request(forms.get((int) n)), status -> status == 200);
    }

    /** Orders for one open-loop measurement at {@code rate}/s: {@link #ORDERS}, fewer when that would be due over more than {@link #OPEN_CAP}. */
    static int openOrders(int rate) {
        return (int) Math.min(ORDERS, (long) rate * OPEN_CAP.toSeconds());
    }

    /** How long the open-loop sending of {@code orders} at {@code rate}/s is due over. */
    static Duration openDuration(int orders, int rate) {
        return Duration.ofMillis((long) Math.ceil(orders * 1000.0 / rate));
    }

    /** The open-loop load on a thread of its own (beside another load); {@link Running#result()} waits for it. */
    Running startOpen(String name, int rate) {
        Running running = new Running();
        Thread t = new Thread(() -> {
            try {
                running.result = open(name, rate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                running.failure = e;
            }
        }, "bench-notify-beside");
        running.thread = t;
        t.start();
        return running;
    }

    /** An open-loop notify load running on its own thread. */
    static final class Running {
        private Thread thread;
        private volatile OpenLoad.Result result;
        private volatile RuntimeException failure;

        OpenLoad.Result result() throws InterruptedException {
            thread.join();
            if (failure != null) {
                throw failure;
            }
            if (result == null) {
                throw new IllegalStateException("bench: the notify load beside the redemptions was interrupted");
            }
            return result;
        }
    }

    HttpRequest request(String form) {
        return HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** Opens a sandbox pay URL and returns the signed notification of its page as a form body. */
    static String signedNotification(HttpClient client, String payUrl) throws InterruptedException {
        HttpResponse<String> page;
        try {
            page = client.send(HttpRequest.newBuilder(URI.create(payUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("bench: " + payUrl + " failed", e);
        }
        StringBuilder form = new StringBuilder();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(m.group(1)).append('=').append(URLEncoder.encode(m.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8));
        }
        if (form.length() == 0) {
            throw new IllegalStateException("bench: the sandbox pay page had no notification: HTTP " + page.statusCode());
        }
        return form.toString();
    }
}
