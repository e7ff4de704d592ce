package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code secrets[].secretType}: decides which well-known environment variable points at the secret. */
public enum SecretType {
    @JsonProperty("GCPServiceAccount") GCP_SERVICE_ACCOUNT,
    @JsonProperty("HadoopDelegationToken") HADOOP_DELEGATION_TOKEN,
    @JsonProperty("Generic") GENERIC
}
