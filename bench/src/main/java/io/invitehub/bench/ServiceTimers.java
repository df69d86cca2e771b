package io.invitehub.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's own HTTP timers (ADR 39, {@code invitehub_http_server_requests_seconds{method, route, status}}) read
 * from its {@code /metrics} page in Prometheus' text format, so the bench can put what the service itself timed beside
 * what the read clients saw (issue 17: is the read tail inside the service's handler or outside it?). Per
 * {@code "METHOD route"} (statuses summed): the answers counted and those within its first two buckets, 5 and 10 ms
 * ({@code le="0.005"}, {@code le="0.01"}). The timer runs from Javalin's servlet taking the request (Jetty has parsed
 * it and given it a thread) to the answer's bytes handed to Jetty's response buffer; docs/performance.md says more.
 */
final class ServiceTimers {
    static final String METRIC = "invitehub_http_server_requests_seconds";
    private static final double LE_5MS = 0.005;
    private static final double LE_10MS = 0.01;

    private ServiceTimers() {
    }

    /** Reads the service's metrics page (the bench: {@code GET /metrics} as its staff account). */
    @FunctionalInterface
    interface Page {
        String read() throws InterruptedException;
    }

    /** One route's answers as the service timed them: all of them, and those that took at most 5 and at most 10 ms. */
    record Counts(long answers, long within5ms, long within10ms) {
        static final Counts NONE = new Counts(0, 0, 0);

        long over5ms() {
            return answers - within5ms;
        }

        long over10ms() {
            return answers - within10ms;
        }

        Counts plus(Counts o) {
            return new Counts(answers + o.answers, within5ms + o.within5ms, within10ms + o.within10ms);
        }

        Counts minus(Counts o) {
            return new Counts(answers - o.answers, within5ms - o.within5ms, within10ms - o.within10ms);
        }
    }

    /** The service's label of a GET of {@code target}: the read routes have no path parameters, so the declared route is the path. */
    static String label(URI target) {
        return "GET " + target.getPath();
    }

    /**
     * The timers on {@code page}, by {@code "METHOD route"}, every status summed. A series without method, route or a
     * number is refused: a page the bench misreads must not yield a figure.
     */
    static Map<String, Counts> parse(String page) {
        Map<String, long[]> seen = new LinkedHashMap<>();
        for (String line : page.split("\n")) {
            boolean bucket = line.startsWith(METRIC + "_bucket{");
            boolean count = line.startsWith(METRIC + "_count{");
            if (!bucket && !count) {
                continue;
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            if (close < open) {
                throw new IllegalArgumentException("metrics page: no closing brace in " + line);
            }
            Map<String, String> labels = labels(line.substring(open + 1, close), line);
            String method = labels.get("method");
            String route = labels.get("route");
            if (method == null || route == null) {
                throw new IllegalArgumentException("metrics page: a timer series without method or route: " + line);
            }
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            long value;
            try {
                value = Math.round(Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metrics page: no number after the labels of " + line, e);
            }
            long[] c = seen.computeIfAbsent(method + " " + route, k -> new long[3]);
            if (count) {
                c[0] += value;
                continue;
            }
            String le = labels.get("le");
            if (le == null) {
                throw new IllegalArgumentException("metrics page: a bucket without le: " + line);
            }
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            if (Math.abs(bound - LE_5MS) < 1e-12) {
                c[1] += value;
            } else if (Math.abs(bound - LE_10MS) < 1e-12) {
                c[2] += value;
            }
        }
        Map<String, Counts> timers = new LinkedHashMap<>();
        seen.forEach((k, c) -> timers.put(k, new Counts(c[0], c[1], c[2])));
        return timers;
    }

    /** What was answered between two readings of the page: {@code after} minus {@code before}, per route of {@code after}. */
    static Map<String, Counts> since(Map<String, Counts> before, Map<String, Counts> after) {
        Map<String, Counts> d = new LinkedHashMap<>();
        after.forEach((k, c) -> d.put(k, c.minus(before.getOrDefault(k, Counts.NONE))));
        return d;
    }

    /** {@code a="x",b="y\"z"}: label names and their unescaped values. */
    private static Map<String, String> labels(String inside, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < inside.length()) {
            int eq = inside.indexOf('=', i);
            if (eq < 0 || eq + 1 >= inside.length() || inside.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("metrics page: unreadable labels in " + line);
            }
            String name = inside.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < inside.length() && inside.charAt(j) != '"'; j++) {
                char ch = inside.charAt(j);
                if (ch == '\\' && j + 1 < inside.length()) {
                    char next = inside.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(ch);
                }
            }
            if (j >= inside.length()) {
                throw new IllegalArgumentException("metrics page: an unterminated label value in " + line);
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (i < inside.length() && inside.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }

    /**
     * One read route's line: the service's own count of its answers and those over 5 and 10 ms (the read warm-up's answers
     * included, so its counts over are an upper bound for the measured answers'), beside the read clients' measured answers
     * of the same route ({@code names}) and theirs over 5 and 10 ms.
     */
    static String line(String label, Counts service, long clientAnswers, long clientOver5, long clientOver10, List<String> names) {
        return String.format(Locale.ROOT, "service-side vs client-side, %s: service timed %,d answers (warm-up included: its counts over "
                        + "are an upper bound), %s over 5 ms, %s over 10 ms; clients measured %,d (%s), %s over 5 ms, %s over 10 ms",
                label, service.answers(), share(service.over5ms(), service.answers()), share(service.over10ms(), service.answers()),
                clientAnswers, String.join(", ", names), share(clientOver5, clientAnswers), share(clientOver10, clientAnswers));
    }

    /**
     * One read route's line from the page read after the warm-up's last answer: the service's own count of the measured
     * answers and those over 5 and 10 ms, beside the read clients' measured answers of the same route ({@code names}). The
     * page is read as the first measured route starts (the load generator does not wait for it), so that route's first few
     * answers may fall before the reading: the service's count is then that many short of the clients', and the line says so.
     */
    static String measuredLine(String label, Counts service, long clientAnswers, long clientOver5, long clientOver10, List<String> names) {
        long early = clientAnswers - service.answers();
        return String.format(Locale.ROOT, "service-side vs client-side, %s: service timed %,d of the measured answers%s, %s over 5 ms, "
                        + "%s over 10 ms; clients measured %,d (%s), %s over 5 ms, %s over 10 ms",
                label, service.answers(), early == 0 ? " (warm-up excluded)"
                        : early > 0 ? String.format(Locale.ROOT, " (warm-up excluded; %,d answered before the page was read after it)", early)
                        : String.format(Locale.ROOT, " (%,d more than the clients measured: another request reached the route)", -early),
                share(service.over5ms(), service.answers()), share(service.over10ms(), service.answers()),
                clientAnswers, String.join(", ", names), share(clientOver5, clientAnswers), share(clientOver10, clientAnswers));
    }

    /**
     * Every read route together, like for like: the service's answers of these routes against the clients' warm-up and
     * measured answers together (the same requests: the two counts should be equal).
     */
    static String totalLine(Counts service, long clientAnswers, long clientOver5, long clientOver10) {
        return String.format(Locale.ROOT, "service-side vs client-side, every read route, warm-up and measured answers alike: service "
                        + "timed %,d answers, %s over 5 ms, %s over 10 ms; clients saw %,d, %s over 5 ms, %s over 10 ms%s",
                service.answers(), share(service.over5ms(), service.answers()), share(service.over10ms(), service.answers()),
                clientAnswers, share(clientOver5, clientAnswers), share(clientOver10, clientAnswers),
                service.answers() == clientAnswers ? "" : " (the counts differ: another request reached these routes, or one went unanswered)");
    }

    private static String share(long n, long of) {
        return String.format(Locale.ROOT, "%,d (%.2f %%)", n, of <= 0 ? 0.0 : 100.0 * n / of);
    }
}
