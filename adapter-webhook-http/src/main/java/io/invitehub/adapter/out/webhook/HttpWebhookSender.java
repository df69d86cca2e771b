package io.invitehub.adapter.out.webhook;

import io.invitehub.application.webhooks.port.out.DeliveryJob;
import io.invitehub.application.webhooks.port.out.WebhookSender;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link WebhookSender} on Apache HttpClient 5 (ADR 42). Its DNS resolver is the {@link AddressGuard}: the
 * client connects only to addresses the guard vetted, after resolution, on every delivery. Redirects are not
 * followed (a 3xx is a failed attempt), nothing is retried inside the client (the outbox retries), no proxy
 * from the environment is used, and connecting, each read and the whole exchange are bounded. At most 4 KiB
 * of an answer is read.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    static final String USER_AGENT = "InviteHub-Webhooks/1";
    private static final int MAX_ANSWER = 4096;

    private final CloseableHttpClient client;

    public HttpWebhookSender(AddressGuard guard, Duration connectTimeout, Duration timeout) {
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.vet(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(timeout))
                        .build())
                .setMaxConnTotal(32)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .build())
                .setUserAgent(USER_AGENT)
                .build();
    }

    @Override
    public Result send(DeliveryJob job, Instant timestamp) {
        long t = timestamp.getEpochSecond();
        ClassicHttpRequest request = ClassicRequestBuilder.post(job.url())
                .setEntity(new StringEntity(job.body(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)))
                .addHeader(WebhookSignature.HEADER, WebhookSignature.header(job.secret(), t, job.body()))
                .addHeader("InviteHub-Event", job.eventType())
                .addHeader("InviteHub-Delivery", Long.toString(job.deliveryId()))
                .addHeader("InviteHub-Event-Id", Long.toString(job.eventId()))
                .build();
        try {
            return client.execute(request, response -> {
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        in.readNBytes(MAX_ANSWER);
                    }
                }
                int status = response.getCode();
                if (status >= 300 && status < 400) {
                    return new Result(java.util.Optional.of(status),
                            java.util.Optional.of("the receiver answered HTTP " + status + " (redirects are not followed)"));
                }
                return Result.answered(status);
            });
        } catch (AddressGuard.RefusedAddress refused) {
            return Result.notSent(refused.getMessage());
        } catch (UnknownHostException unknown) {
            return Result.notSent("cannot resolve " + job.url().getHost());
        } catch (IOException e) {
            return Result.notSent(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
