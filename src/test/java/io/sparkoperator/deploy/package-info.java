/**
 * Tests of what {@code kustomize/} deploys: every kustomization is rendered with the real {@code kubectl kustomize}
 * and the objects users rely on are checked (CRDs, a hardened Deployment with the right probes, least-privilege
 * RBAC, and what each overlay promises). Depends on kubectl, Jackson YAML and fabric8's model only; nothing here
 * talks to an API server, so {@code kubectl apply --dry-run} (which needs one for discovery) is not used.
 */
package io.sparkoperator.deploy;
