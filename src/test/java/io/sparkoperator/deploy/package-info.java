/**
 * Tests of what {@code kustomize/} deploys: every kustomization is rendered with the real {@code kubectl kustomize}
 * and the objects users rely on are checked (CRDs, a hardened Deployment with the right probes, least-privilege
 * RBAC, what each overlay promises, and the Grafana dashboard and alert rules of the prometheus component, whose
 * queries are checked against the scrape of a running operator ({@code io.sparkoperator.LiveOperatorScrape}, on
 * fabric8's mock API server) with a small PromQL selector reader). Depends on kubectl, Jackson YAML and fabric8's
 * model; only that scrape talks to a (mock) API server, so {@code kubectl apply --dry-run} (which needs a real one
 * for discovery) is not used.
 */
package io.sparkoperator.deploy;
