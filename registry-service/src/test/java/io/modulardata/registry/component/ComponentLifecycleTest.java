package io.modulardata.registry.component;

import static io.modulardata.events.ComponentStatus.ACTIVE;
import static io.modulardata.events.ComponentStatus.ARCHIVED;
import static io.modulardata.events.ComponentStatus.DEPRECATED;
import static io.modulardata.events.ComponentStatus.SUNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.problem.ApiProblemException;

class ComponentLifecycleTest {

    @Test
    void movesForwardOneStepOrMore() {
        assertThat(ComponentLifecycle.canMove(ACTIVE, DEPRECATED)).isTrue();
        assertThat(ComponentLifecycle.canMove(DEPRECATED, SUNSET)).isTrue();
        assertThat(ComponentLifecycle.canMove(SUNSET, ARCHIVED)).isTrue();
        assertThat(ComponentLifecycle.canMove(ACTIVE, ARCHIVED)).isTrue();
    }

    @Test
    void neverMovesBackOrStays() {
        assertThat(ComponentLifecycle.canMove(DEPRECATED, ACTIVE)).isFalse();
        assertThat(ComponentLifecycle.canMove(ARCHIVED, SUNSET)).isFalse();
        assertThat(ComponentLifecycle.canMove(ACTIVE, ACTIVE)).isFalse();
        assertThatThrownBy(() -> ComponentLifecycle.requireForward(SUNSET, DEPRECATED))
                .isInstanceOf(ApiProblemException.class)
                .satisfies(e -> assertThat(((ApiProblemException) e).problem().status()).isEqualTo(409));
    }
}
