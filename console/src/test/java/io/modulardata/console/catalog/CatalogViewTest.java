package io.modulardata.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.modulardata.console.signin.Scope;
import io.modulardata.console.support.Events;
import io.modulardata.events.ComponentStatus;

class CatalogViewTest {

    private final CatalogView view = new CatalogView();

    @Test
    void versionsInSemanticOrderWithLifecycleAndGrants() {
        view.apply(Events.decoded("registry-events", Events.componentRegistered("etl-core", "10.0.0")));
        view.apply(Events.decoded("registry-events", Events.componentRegistered("etl-core", "2.1.0")));
        view.apply(Events.decoded("registry-events", Events.componentRegistered("etl-core", "2.1.0-rc.1")));
        view.apply(Events.decoded("registry-events", Events.statusChanged("etl-core", "2.1.0", ComponentStatus.DEPRECATED)));
        view.apply(Events.decoded("registry-events", Events.granted("acme", "etl-core", "2.1.0")));
        view.apply(Events.decoded("registry-events", Events.granted("globex", "etl-core", "2.1.0")));

        Component component = view.list(Scope.everything()).get(0);
        assertThat(component.versions()).extracting(ComponentVersion::componentVersion)
                .containsExactly("2.1.0-rc.1", "2.1.0", "10.0.0");
        ComponentVersion granted = component.versions().get(1);
        assertThat(granted.status()).isEqualTo("DEPRECATED");
        assertThat(granted.grantedTo()).containsExactly("acme", "globex");
        assertThat(granted.capabilities()).containsExactly("transform");
    }

    @Test
    void aTenantSeesOnlyTheVersionsGrantedToItAndOnlyItsOwnGrant() {
        view.apply(Events.decoded("registry-events", Events.componentRegistered("etl-core", "1.0.0")));
        view.apply(Events.decoded("registry-events", Events.componentRegistered("etl-core", "2.0.0")));
        view.apply(Events.decoded("registry-events", Events.componentRegistered("pii-scanner", "1.0.0")));
        view.apply(Events.decoded("registry-events", Events.granted("acme", "etl-core", "2.0.0")));
        view.apply(Events.decoded("registry-events", Events.granted("globex", "etl-core", "2.0.0")));
        view.apply(Events.decoded("registry-events", Events.granted("globex", "pii-scanner", "1.0.0")));

        var seen = view.list(Scope.tenant("acme"));

        assertThat(seen).extracting(Component::componentId).containsExactly("etl-core");
        assertThat(seen.get(0).versions()).extracting(ComponentVersion::componentVersion).containsExactly("2.0.0");
        assertThat(seen.get(0).versions().get(0).grantedTo()).containsExactly("acme");
    }
}
