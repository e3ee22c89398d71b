/*
 * localedir.c: where the message catalogues are, the one object that the
 * commands in bin/ and the installed commands do not share.  libbeat.a
 * holds this file compiled with the build's own catalogues (build/locale),
 * so the checkout speaks the user's language with no variable set; `make
 * install` links its copies of the commands with this file compiled again
 * for the PREFIX it is given, ahead of the archive, whose member is then
 * never pulled in.  See the Makefile.
 */
#include "beat.h"

const char beat_localedir[] = BEAT_LOCALEDIR;
