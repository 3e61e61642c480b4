-- The container images a deployment of a component version may run (ComponentRegistered.containerImages).
-- Versions registered before the field existed declare none and cannot be deployed.
alter table component_version add column container_images text[] not null default '{}';
