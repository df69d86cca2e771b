package io.invitehub.library.assembly;

import io.invitehub.adapter.out.payment.epay.EpayGateway;
import io.invitehub.adapter.out.payment.epay.EpayMerchant;
import io.invitehub.adapter.out.payment.epay.EpaySandbox;
import io.invitehub.adapter.out.payment.epay.NoPaymentGateway;
import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.SecureRandomOrderNumbers;
import io.invitehub.application.shop.port.in.FulfilOrdersUseCase;
import io.invitehub.application.shop.port.in.ManagePlansUseCase;
import io.invitehub.application.shop.port.in.PaymentNotificationUseCase;
import io.invitehub.application.shop.port.in.PaymentQueryUseCase;
import io.invitehub.application.shop.port.out.RefundLedger;
import io.invitehub.application.shop.service.OrderClosingService;
import io.invitehub.application.shop.service.PaymentQueryService;
import io.invitehub.application.shop.service.PaymentQuerySettings;
import io.invitehub.library.config.SandboxKey;
import io.invitehub.application.shop.port.in.SandboxCheckoutUseCase;
import io.invitehub.application.shared.port.out.CodeGenerator;
import io.invitehub.application.shop.port.out.PaymentGateway;
import io.invitehub.application.shop.port.out.SandboxPayments;
import io.invitehub.application.shop.service.FulfilmentService;
import io.invitehub.application.shop.service.PaymentNotificationService;
import io.invitehub.application.shop.service.PlanService;
import io.invitehub.application.shop.service.SandboxCheckoutService;
import io.invitehub.application.shop.service.ShopService;
import io.invitehub.application.shop.service.ShopSettings;
import io.invitehub.application.site.port.in.PlatformTermsQuery;
import io.invitehub.library.config.HttpConfig;
import io.invitehub.library.config.ShopConfig;
import io.invitehub.library.config.StatisticsConfig;
import io.invitehub.library.worker.ShopWorkers;
import io.invitehub.domain.order.PayType;

import java.nio.file.Path;
import java.util.Deque;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The shop (SPEC section 7, ADR 17 and 18): the payment gateway chosen by {@code INVITEHUB_PAYMENT_GATEWAY},
 * plans, orders, the gateway's notification and the fulfilment of paid orders (with the one code
 * generator of {@link CodesAssembly}).
 */
public record ShopAssembly(ManagePlansUseCase plans, ShopService shop, PaymentNotificationUseCase notifications,
                          FulfilOrdersUseCase fulfilment, SandboxCheckoutUseCase sandbox, OrderClosingService closing,
                          PaymentQueryUseCase query) {
    /** Unpaid orders expired per pass of the expiry step. */
    static final int ORDER_EXPIRY_BATCH = 1_000;
    /** Orders asked about at the gateway per claim of the order-query job. */
    static final int ORDER_QUERY_BATCH = 50;

    /**
     * {@code boundPort}: the port the HTTP server is bound to once started (the configured one before),
     * for the notify and return URLs when {@code INVITEHUB_PUBLIC_BASE_URL} is not set.
     */
    public static ShopAssembly wire(Adapters a, ShopConfig config, StatisticsConfig statistics, HttpConfig http, IntSupplier boundPort,
                                    CodeGenerator codes, PlatformTermsQuery terms, Path dataDir, RefundLedger ledger) {
        JooqPersistence db = a.persistence();
        Supplier<String> publicBase = publicBase(config, http, boundPort);
        Supplier<String> notifyUrl = () -> publicBase.get() + "/api/v1/public/shop/notify";
        Supplier<String> returnUrl = () -> publicBase.get() + "/api/v1/public/shop/return";
        PaymentGateway gateway;
        Optional<SandboxPayments> sandbox = Optional.empty();
        switch (config.gateway()) {
            case SANDBOX:
                // the key survives restarts (ADR 45): pay URLs and notifications signed before one still verify after it
                EpaySandbox epaySandbox = EpaySandbox.create(SandboxKey.resolve(dataDir, EpaySandbox::newKey),
                        () -> publicBase.get() + "/api/v1/public/shop/sandbox", notifyUrl, returnUrl);
                gateway = epaySandbox.gateway();
                sandbox = Optional.of(epaySandbox);
                break;
            case EPAY:
                gateway = new EpayGateway(new EpayMerchant(() -> config.epayUrl().orElseThrow(), config.epayPid().orElseThrow(),
                        config.epayKey().orElseThrow(), notifyUrl, returnUrl));
                break;
            default:
                gateway = new NoPaymentGateway();
        }
        ShopSettings settings = new ShopSettings(config.maxCodesPerOrder(), config.fulfilmentBatch(), config.fulfilmentParallelism(),
                config.fulfilmentLease(), config.fulfilmentMaxAttempts(), config.fulfilmentBackoffBase(), ORDER_EXPIRY_BATCH,
                statistics.businessTimeZone(), config.payTypes().stream().map(PayType::of).collect(Collectors.toSet()),
                statistics.currency());
        ManagePlansUseCase plans = new PlanService(db.transactions(), db.plans(), db.users(), db.audit(), a.clock());
        ShopService shop = new ShopService(db.transactions(), db.plans(), db.orders(), db.paymentAlerts(), db.users(), gateway,
                new SecureRandomOrderNumbers(statistics.businessTimeZone()), db.audit(), a.wakeUps(), a.clock(), settings, terms);
        PaymentNotificationUseCase notifications = new PaymentNotificationService(db.transactions(), db.orders(), db.paymentAlerts(),
                gateway, db.audit(), a.wakeUps(), a.clock(), db.webhookEvents());
        FulfilOrdersUseCase fulfilment = new FulfilmentService(db.transactions(), db.orders(), db.codes(), codes, a.clock(), settings,
                db.webhookEvents(), a.wakeUps());
        OrderClosingService closing = new OrderClosingService(db.transactions(), db.orders(), db.orderCodes(), ledger, gateway,
                db.paymentAlerts(), db.users(), db.audit(), a.wakeUps(), a.clock(), db.webhookEvents());
        PaymentQueryUseCase query = new PaymentQueryService(db.transactions(), db.orders(), db.paymentAlerts(), gateway, db.audit(),
                a.wakeUps(), a.clock(), new PaymentQuerySettings(config.queryAfterReturn(), config.queryBackoff(),
                config.queryBackoff().multipliedBy(8), ORDER_QUERY_BATCH), db.webhookEvents());
        return new ShopAssembly(plans, shop, notifications, fulfilment, new SandboxCheckoutService(sandbox, db.orders(), notifications),
                closing, query);
    }

    /**
     * The service's public address: {@code INVITEHUB_PUBLIC_BASE_URL}, else this node's HTTP address (the bound
     * port once the server runs).
     */
    public static Supplier<String> publicBase(ShopConfig config, HttpConfig http, IntSupplier boundPort) {
        String localHost = http.host().equals("0.0.0.0") || http.host().equals("::") ? "127.0.0.1" : http.host();
        return () -> config.publicBaseUrl().orElseGet(() -> "http://" + localHost + ":" + boundPort.getAsInt());
    }

    /** Starts the fulfilment workers and the expiry of unpaid orders; stopped with {@code resources}. */
    public void startWorkers(Adapters a, ShopConfig config, Deque<AutoCloseable> resources) {
        if (fulfilment instanceof AutoCloseable) {
            resources.push((AutoCloseable) fulfilment); // its batch threads (ADR 83), closed after the workers that use them
        }
        ShopWorkers workers = new ShopWorkers(fulfilment, shop, query, a.wakeUps(), config.fulfilmentPollInterval(),
                config.fulfilmentThreads(), config.expiryInterval(), config.queryInterval());
        workers.start();
        resources.push(workers);
    }
}
