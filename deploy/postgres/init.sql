-- Roles and databases for docker-compose (scripts/ensure-postgres.sh does the same on a host).
CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE ROLE scorecard LOGIN PASSWORD 'scorecard';
CREATE DATABASE catalog OWNER catalog;
CREATE DATABASE scorecard OWNER scorecard;
