-- Row count of every table of the portal, one "table|rows" line each, in name order.
-- Run it on the live database and on a restored copy; the two outputs must be identical:
--   psql "$DATABASE_URL" -AtXf docs/contar_filas.sql > original.txt
--   psql "postgres://.../jls_restaurada" -AtXf docs/contar_filas.sql > restaurada.txt
--   diff original.txt restaurada.txt && echo "same rows in every table"
SELECT table_name || '|' || (xpath('/row/n/text()',
           query_to_xml(format('SELECT count(*) AS n FROM public.%I', table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name;
