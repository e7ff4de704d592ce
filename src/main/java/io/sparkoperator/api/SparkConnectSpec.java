package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code SparkConnect.spec}: the Go operator's v1alpha1 fields. The CRD requires {@code sparkVersion},
 * {@code server} and {@code executor}; everything else may be absent ({@code null}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SparkConnectSpec(
        String sparkVersion,
        String image,
        Map<String, String> hadoopConf,
        Map<String, String> sparkConf,
        ConnectServerSpec server,
        ConnectExecutorSpec executor,
        DynamicAllocation dynamicAllocation,
        ConnectRestartPolicy restartPolicy) {
}
