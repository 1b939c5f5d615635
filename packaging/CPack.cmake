# SPDX-License-Identifier: GPL-3.0-or-later
# Two .debs from one build: `cpack -G DEB` in the build folder makes understudy_<v>_<arch>.deb (the desktop client
# with understudyctl) and understudy-server_<v>_<arch>.deb (the server and its systemd unit).
set(CPACK_PACKAGE_NAME understudy)
set(CPACK_PACKAGE_VENDOR "The Understudy developers")
set(CPACK_PACKAGE_CONTACT "Understudy developers <understudy@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "Understudy drafts replies to support tickets from your own help-centre articles
and macros, shows the sources and a confidence estimate, and warns when a ticket should be escalated.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/understudy/understudy")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR TGZ)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The library dependencies come from dpkg-shlibdeps (package dpkg-dev); the platform plugins ship in libqt6gui6.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hicolor-icon-theme")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL client server)
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME understudy)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME understudy-server)
set(CPACK_COMPONENT_CLIENT_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "The Understudy team server: tickets, knowledge, accounts and the shared
correction log over HTTPS/JSON, on SQLite or PostgreSQL. Listens on 127.0.0.1:8470 unless configured otherwise.")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# The SQL drivers are plugins (loaded at run time), invisible to dpkg-shlibdeps.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql")

include(CPack)
