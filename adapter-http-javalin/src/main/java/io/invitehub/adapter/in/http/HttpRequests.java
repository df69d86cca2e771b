package io.invitehub.adapter.in.http;

/** Request bodies, as clients send them (snake_case on the wire). Optional fields are nullable here and checked by the handlers. */
final class HttpRequests {
    private HttpRequests() {
    }

    record Redeem(String code, String email) {
    }

    record CreateTeam(String name, String providerAccountId, String credentials, Integer maxSeats, Long groupId) {
        @Override
        public String toString() {
            return "CreateTeam[" + name + ", " + providerAccountId + ", credentials=***]";
        }
    }

    record CreateTeamGroup(String name) {
    }

    record IssueCodes(Integer count, Integer maxUses, Integer validityDays, Integer expiresDays, String note, Long groupId) {
    }

    record CreateDistributor(String username, String email, String password) {
        @Override
        public String toString() {
            return "CreateDistributor[" + username + ", password=***]";
        }
    }

    record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + ", password=***]";
        }
    }

    record SendVerificationCode(String email) {
    }

    record RegisterDistributor(String email, String username, String password, String code) {
        @Override
        public String toString() {
            return "RegisterDistributor[" + username + ", password=***, code=***]";
        }
    }

    record ChangePassword(String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[***]";
        }
    }

    record Reject(String reason) {
    }

    record DeleteCodes(java.util.List<Long> ids) {
    }
}
