package io.invitehub.library.assembly;

import io.invitehub.adapter.out.persistence.JooqPersistence;
import io.invitehub.adapter.out.security.BcryptPasswordHasher;
import io.invitehub.adapter.out.security.JwtTokens;
import io.invitehub.adapter.out.security.SecureRandomVerificationCodes;
import io.invitehub.application.accounts.port.in.AccountsUseCase;
import io.invitehub.application.accounts.port.in.DistributorSignUpUseCase;
import io.invitehub.application.accounts.port.in.ManageDistributorsUseCase;
import io.invitehub.application.accounts.port.in.SignInUseCase;
import io.invitehub.application.accounts.port.out.Mailer;
import io.invitehub.application.accounts.port.out.PasswordHasher;
import io.invitehub.application.accounts.service.AccountsService;
import io.invitehub.application.accounts.service.DistributorAdminService;
import io.invitehub.application.accounts.service.DistributorSignUpService;
import io.invitehub.application.accounts.service.SignInService;
import io.invitehub.application.accounts.service.SignInSettings;
import io.invitehub.application.accounts.service.SignUpSettings;
import io.invitehub.library.config.AccountsConfig;

/** Accounts (SPEC section 10): the own account, sign-in with access tokens, the distributors' sign-up and their approval. */
public record AccountsAssembly(AccountsUseCase accounts, SignInUseCase signIn, DistributorSignUpUseCase signUp,
                               ManageDistributorsUseCase distributors) {

    /** {@code jwtSecret}: the signing secret, resolved by the caller (ADR 9). */
    public static AccountsAssembly wire(Adapters a, AccountsConfig config, byte[] jwtSecret, Mailer mailer) {
        JooqPersistence db = a.persistence();
        PasswordHasher hasher = new BcryptPasswordHasher(config.bcryptCost());
        JwtTokens tokens = new JwtTokens(jwtSecret, config.jwtTtl());
        AccountsUseCase accounts = new AccountsService(db.transactions(), db.users(), hasher, db.audit(), a.clock());
        SignInUseCase signIn = new SignInService(db.users(), hasher, tokens, tokens, a.rateLimiter(), a.clock(),
                SignInSettings.of(config.loginPerMinute(), SignInSettings.DEFAULT_SLOW_DOWN, config.sessionMax()));
        DistributorSignUpUseCase signUp = new DistributorSignUpService(db.transactions(), db.users(), db.verificationCodes(),
                new SecureRandomVerificationCodes(), hasher, mailer, a.rateLimiter(), db.audit(), a.clock(), SignUpSettings.defaults());
        ManageDistributorsUseCase distributors = new DistributorAdminService(db.transactions(), db.users(), hasher, db.audit(),
                a.clock());
        return new AccountsAssembly(accounts, signIn, signUp, distributors);
    }
}
