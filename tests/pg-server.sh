#!/bin/sh
# Starts or stops a throwaway PostgreSQL for the desk tests:
#   pg-server.sh start DIR   initdb into DIR/data, listen only on a Unix
#                            socket in DIR, print the connection string
#   pg-server.sh stop DIR [MODE]   pg_ctl stop (MODE fast or immediate)
#   pg-server.sh restart DIR       start again after a stop
# PostgreSQL will not run as root, so as root it runs as "nobody".
set -eu
cmd=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "pg-server.sh: PostgreSQL is not installed" >&2; exit 77; }

as_owner () {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start () {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=60" start >/dev/null
}

case $cmd in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U factmark -E UTF8 --locale=C.UTF-8 >/dev/null
    start
    echo "host=$dir dbname=postgres user=factmark"
    ;;
  restart)
    start
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m "${3:-fast}" -w stop >/dev/null
    ;;
esac
