package io.sparkoperator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status.driverInfo}: where the driver and its UI are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriverInfo(String webUIServiceName, String webUIAddress, Integer webUIPort, String webUIIngressName,
        String webUIIngressAddress, String podName) {
}
