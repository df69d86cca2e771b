package io.invitehub.application.shared.port.out;

import java.util.List;

/** One page of a workspace's members; {@code total} is the provider's total count. */
public record MemberPage(List<ProviderMember> members, int offset, int total) {
    public MemberPage {
        members = List.copyOf(members);
    }

    public boolean hasMore() {
        return offset + members.size() < total;
    }
}
