-- One database per service, as scripts/postgres.sh creates them (with their test twins).
-- Run once by the postgres image (docker-compose.yml mounts this file into /docker-entrypoint-initdb.d),
-- only when its data volume is empty. Each service creates its own tables with its migrations.
CREATE DATABASE oms_order;
CREATE DATABASE oms_inventory;
CREATE DATABASE oms_fulfillment;
CREATE DATABASE oms_shipping;
CREATE DATABASE oms_aftersales;
CREATE DATABASE oms_notification;

CREATE DATABASE oms_order_test;
CREATE DATABASE oms_inventory_test;
CREATE DATABASE oms_fulfillment_test;
CREATE DATABASE oms_shipping_test;
CREATE DATABASE oms_aftersales_test;
CREATE DATABASE oms_notification_test;
