/**
 * Secret config values (DESIGN §6, "Credentials"). Any key that holds a secret — a database password, a storage
 * account key, a SAS token, a client secret — may be written as a reference that {@link
 * io.c360.secrets.SecretResolver} resolves once, at start-up:
 *
 * <ul>
 *   <li>{@code keyvault://<vault>/<secret>} — the current version of secret {@code <secret>} in Azure Key Vault
 *       {@code https://<vault>.vault.azure.net}, read with {@code DefaultAzureCredential} (the cluster's managed
 *       identity, or {@code az login} on a laptop); the identity needs {@code get} on secrets ("Key Vault
 *       Secrets User"). The URL template is configurable for sovereign clouds and tests.</li>
 *   <li>{@code synapse-keyvault://<linked-service>/<vault>/<secret>} — the same secret read on a Synapse Spark pool
 *       through the workspace's Key Vault linked service {@code <linked-service>}, with the runtime's
 *       {@code TokenLibrary.getSecret} (found by reflection: only Synapse has it; elsewhere a clear error). The
 *       linked service's identity (the workspace's managed identity) needs "Key Vault Secrets User" on the vault,
 *       and whoever runs the job the Synapse RBAC role "Synapse Credential User" on that identity.</li>
 *   <li>{@code env://VAR} — environment variable {@code VAR}.</li>
 *   <li>{@code file:///absolute/path} — the file's UTF-8 content without one trailing newline (a Kubernetes or
 *       Databricks mounted secret, a Docker secret).</li>
 * </ul>
 *
 * Anything else is the secret itself. A resolved value is a {@link io.c360.secrets.Secret}, which prints as
 * {@code ****}; every resolved value is registered with {@link io.c360.secrets.Redaction}, whose
 * {@code scrub(String)} masks them in any text bound for logs, the ledger, exception messages or the report.
 * Errors name the config path and the reference, never a value.
 */
package io.c360.secrets;
