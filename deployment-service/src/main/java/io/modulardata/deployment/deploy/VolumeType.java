package io.modulardata.deployment.deploy;

import java.util.List;

/** persistent: mounts the tenant's PersistentVolumeClaim {@code pvcName}; ephemeral: an emptyDir living with the pod. */
public final class VolumeType {

    public static final String PERSISTENT = "persistent";
    public static final String EPHEMERAL = "ephemeral";
    public static final List<String> ALL = List.of(PERSISTENT, EPHEMERAL);

    private VolumeType() {
    }
}
