package io.modulardata.kit.command;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.modulardata.kit.security.TenantAccess;

/** The command context of the current HTTP request: the caller as actor and the request's correlation id. */
@RequestScoped
public class CommandContexts {

    private final TenantAccess access;
    private String correlationId;

    public CommandContexts(TenantAccess access) {
        this.access = access;
    }

    public void correlationId(String correlationId) {
        this.correlationId = correlationId;
    }

    public String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        return correlationId;
    }

    public CommandContext current() {
        return new CommandContext(access.actor(), correlationId());
    }
}
