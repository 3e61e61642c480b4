package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** The kernel hands a just-released port out again readily; picks made together must still differ. */
    @Test
    void neverPicksTheSamePortTwice() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ports.add(FreePorts.pick());
        }
        assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port > 0 && port < 65536);
    }
}
