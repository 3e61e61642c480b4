package io.modulardata.deployment.deployment;

public record DataVolumeRequest(String name, String mountPath, Boolean readOnly, String type, String pvcName) {
}
