#!/bin/sh
# This probe's report (sections, top symbols, the ClockApp entry points and
# the calendar and TZ code, the __mspabi_* call sites, then the sections
# without the screens and event text), by the probes' shared script:
# ../msp430-size/report.sh clockapp.
#   ./report.sh          TOP=40 ./report.sh
exec "$(dirname "$0")/../msp430-size/report.sh" clockapp
