# SPDX-License-Identifier: GPL-3.0-or-later
# A .deb of the desktop client (with understudyctl): `cpack -G DEB` in the build folder.
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

include(CPack)
