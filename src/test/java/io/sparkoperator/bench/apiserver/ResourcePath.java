package io.sparkoperator.bench.apiserver;

/**
 * A request path of the Kubernetes REST API, taken apart: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]}. {@code namespace} is null for a cluster-wide
 * collection, {@code name} for a collection.
 */
record ResourcePath(String group, String version, String plural, String namespace, String name,
        String subresource) {

    /** The key objects of one kind are stored under ({@code pods}, {@code sparkoperator.k8s.io/sparkapplications}). */
    String type() {
        return group.isEmpty() ? plural : group + "/" + plural;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    boolean isCollection() {
        return name == null;
    }

    /** @throws ApiException 404 for anything that is not a resource path */
    static ResourcePath parse(String rawPath) {
        String[] s = rawPath.split("/");
        // s[0] is "" (leading slash)
        int i;
        String group;
        String version;
        if (s.length >= 3 && s[1].equals("api")) {
            group = "";
            version = s[2];
            i = 3;
        } else if (s.length >= 4 && s[1].equals("apis")) {
            group = s[2];
            version = s[3];
            i = 4;
        } else {
            throw ApiException.notFound("no resource at " + rawPath);
        }
        String namespace = null;
        if (s.length > i + 1 && s[i].equals("namespaces")) {
            namespace = s[i + 1];
            i += 2;
        }
        if (s.length <= i) {
            throw ApiException.notFound("no resource at " + rawPath);
        }
        String plural = s[i];
        String name = s.length > i + 1 ? s[i + 1] : null;
        String sub = s.length > i + 2 ? s[i + 2] : null;
        if (s.length > i + 3) {
            throw ApiException.notFound("no resource at " + rawPath);
        }
        return new ResourcePath(group, version, plural, namespace, name, sub);
    }
}
