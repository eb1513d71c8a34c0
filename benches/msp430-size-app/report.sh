#!/bin/sh
# This probe's report (sections, top symbols, the DNS and SNTP entry points
# and what only they call, the __mspabi_* call sites), by the probes' shared
# script: ../msp430-size/report.sh app.
#   ./report.sh          TOP=40 ./report.sh
exec "$(dirname "$0")/../msp430-size/report.sh" app
