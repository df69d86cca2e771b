package io.invitehub.bench;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches the job leases of every node in the shared Redis ({@code bench --nodes N}): Redis's keyspace notifications
 * for the keys {@code <prefix>lease:*}, in the order Redis executed the commands. A lease key goes free → held on
 * {@code set} (the {@code SET NX PX} that granted it), stays held through {@code expire} (a renewal) and is free again
 * on {@code del} (a release) or {@code expired}. A {@code set} on a key that is held means a second node took a job
 * while another held it: the check "each job ran on one node at a time" fails. A node that kept its leases in its
 * own process would show no event at all, so the report also counts the grants per job.
 */
final class LeaseWatch implements AutoCloseable {
    /** One keyspace event on a lease key: the job (the key without prefix and {@code lease:}) and the event's name. */
    record Event(String job, String name) {
    }

    /** Per job: how many times it was granted, and the grants taken while another node still held it. */
    record Report(Map<String, Integer> grants, Map<String, Integer> overlaps, int events) {
        boolean held() {
            return overlaps.isEmpty() && !grants.isEmpty();
        }

        String describe() {
            if (grants.isEmpty()) {
                return "no job lease was taken in the shared Redis (" + events + " events)";
            }
            // per-team leases (acceptance-sync:team-17) are summed under one pattern: one entry per job kind
            Map<String, int[]> kinds = new TreeMap<>();
            grants.forEach((job, n) -> {
                int[] k = kinds.computeIfAbsent(job.replaceAll("-\\d+$", "-*"), j -> new int[3]);
                k[0] += n;
                k[1]++;
                k[2] += overlaps.getOrDefault(job, 0);
            });
            StringBuilder s = new StringBuilder();
            kinds.forEach((kind, k) -> s.append(s.length() == 0 ? "" : ", ").append(kind).append(" ").append(k[0])
                    .append(k[1] > 1 ? " over " + k[1] + " keys" : "").append(k[2] > 0 ? " (" + k[2] + " while held!)" : ""));
            return s.toString();
        }
    }

    private final String host;
    private final int port;
    private final String prefix;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final JedisPubSub listener = new JedisPubSub() {
        @Override
        public void onPSubscribe(String pattern, int count) {
            subscribed.countDown();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            String key = channel.substring(channel.indexOf(':') + 1);
            String lease = prefix + "lease:";
            if (key.startsWith(lease)) {
                events.add(new Event(key.substring(lease.length()), message));
            }
        }
    };
    private Thread thread;

    private LeaseWatch(String host, int port, String prefix) {
        this.host = host;
        this.port = port;
        this.prefix = prefix;
    }

    /** Turns keyspace notifications on (generic and string commands, expiries) and subscribes; returns once subscribed. */
    static LeaseWatch start(String host, int port, String prefix) throws InterruptedException {
        try (Jedis admin = new Jedis(host, port)) {
            admin.configSet("notify-keyspace-events", "K$gx");
        }
        LeaseWatch watch = new LeaseWatch(host, port, prefix);
        watch.thread = new Thread(() -> {
            try (Jedis sub = new Jedis(host, port)) {
                sub.psubscribe(watch.listener, "__keyspace@0__:" + prefix + "lease:*");
            } catch (RuntimeException e) {
                watch.subscribed.countDown();
            }
        }, "bench-lease-watch");
        watch.thread.setDaemon(true);
        watch.thread.start();
        if (!watch.subscribed.await(10, TimeUnit.SECONDS) || !watch.listener.isSubscribed()) {
            throw new IllegalStateException("could not subscribe to the keyspace events of Redis on " + host + ":" + port);
        }
        return watch;
    }

    /** Stops watching and checks what was seen. */
    Report report() throws InterruptedException {
        close();
        synchronized (events) {
            return check(List.copyOf(events));
        }
    }

    /** The check itself, over events in Redis's order (package-private: a test feeds it a broken sequence). */
    static Report check(List<Event> events) {
        Map<String, Integer> grants = new TreeMap<>();
        Map<String, Integer> overlaps = new TreeMap<>();
        Map<String, Boolean> held = new TreeMap<>();
        for (Event e : events) {
            switch (e.name()) {
                case "set" -> {
                    if (held.getOrDefault(e.job(), false)) {
                        overlaps.merge(e.job(), 1, Integer::sum);
                    }
                    held.put(e.job(), true);
                    grants.merge(e.job(), 1, Integer::sum);
                }
                case "del", "expired" -> held.put(e.job(), false);
                default -> {
                    // expire (a renewal) and the rest change no holder
                }
            }
        }
        return new Report(grants, overlaps, events.size());
    }

    @Override
    public void close() throws InterruptedException {
        if (listener.isSubscribed()) {
            listener.punsubscribe();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
