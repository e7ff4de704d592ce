package io.sparkoperator.sparkconnect;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.api.SparkConnect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Service in front of the server: {@code spec.server.service} when given (its name, labels, annotations and
 * spec, e.g. {@code type: LoadBalancer}), else {@code <name>-server}; either way with the Go operator's four ports
 * (driver-rpc 7078, blockmanager 7079, web-ui 4040, spark-connect-server 15002), the server pod's labels added to
 * the selector, the common labels, the SparkConnect's namespace and its controller reference.
 */
final class ServerService {
    private ServerService() {
    }

    static Service build(SparkConnect connect) {
        var given = connect.getSpec().server() == null ? null : connect.getSpec().server().service();
        Service service = given == null ? new Service() : ApiJson.parse(ApiJson.toJson(given), Service.class);
        ObjectMeta meta = service.getMetadata() == null ? new ObjectMeta() : service.getMetadata();
        meta.setName(ConnectNames.service(connect));
        meta.setNamespace(connect.getMetadata().getNamespace());
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.putAll(ConnectNames.commonLabels(connect.getMetadata().getName()));
        meta.setLabels(labels);
        meta.setOwnerReferences(List.of(ConnectOwner.reference(connect)));
        meta.setResourceVersion(null);
        meta.setUid(null);
        service.setMetadata(meta);
        service.setApiVersion("v1");
        service.setKind("Service");
        service.setStatus(null);
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        spec.setPorts(new ArrayList<>(List.of(port("driver-rpc", ConnectNames.DRIVER_PORT, "tcp"),
                port("blockmanager", ConnectNames.BLOCK_MANAGER_PORT, "tcp"),
                port("web-ui", ConnectNames.UI_PORT, "http"),
                port("spark-connect-server", ConnectNames.CONNECT_PORT, "grpc"))));
        Map<String, String> selector = new LinkedHashMap<>(spec.getSelector() == null ? Map.of() : spec.getSelector());
        selector.putAll(ConnectNames.serverLabels(connect));
        spec.setSelector(selector);
        service.setSpec(spec);
        return service;
    }

    private static ServicePort port(String name, int port, String appProtocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(port))
                .withProtocol("TCP").withAppProtocol(appProtocol).build();
    }
}
