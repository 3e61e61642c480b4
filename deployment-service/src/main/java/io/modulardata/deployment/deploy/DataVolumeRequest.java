package io.modulardata.deployment.deploy;

public record DataVolumeRequest(String name, String mountPath, Boolean readOnly, String type, String pvcName) {
}
