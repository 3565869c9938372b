/* Mount / filesystem discovery and parameters (ABI spec 5.5, 5.6). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu.h"

int llapi_search_fsname(const char *pathname, char *fsname)
{
	char rp[PATH_MAX];
	struct emu_fs fs;
	int rc;

	if (pathname == NULL || fsname == NULL)
		return -EINVAL;
	rc = emu_resolve(pathname, 1, 1, rp, &fs);
	if (rc < 0) {
		if (rc == -ENODEV)
			llapi_error(LLAPI_MSG_ERROR | LLAPI_MSG_NO_ERRNO, 0,
				    "'%s' is not on a Lustre filesystem",
				    pathname);
		return rc;
	}
	snprintf(fsname, PATH_MAX, "%s", fs.fsname);
	return 0;
}

/*
 * Emulated mounts are symlinks, not entries of /proc/mounts, so the
 * "index-th mount" form (empty pathname) finds nothing: -ENODEV.
 */
int llapi_search_mounts(const char *pathname, int index, char *mntdir,
			char *fsname)
{
	char mnt[PATH_MAX];
	struct emu_fs fs;
	int rc;

	(void)index;
	if (mntdir == NULL)
		return -EINVAL;
	if (pathname == NULL || pathname[0] == '\0')
		return -ENODEV;
	rc = emu_mount_of(pathname, mnt, sizeof(mnt), &fs);
	if (rc < 0)
		return rc;
	snprintf(mntdir, PATH_MAX, "%s", mnt);
	if (fsname != NULL)
		snprintf(fsname, PATH_MAX, "%s", fs.fsname);
	return 0;
}

/*
 * The client instance of a real mount is a kernel address; an emulated
 * mount gets 16 hex digits hashed (FNV-1a) from its mount path, stable
 * and distinct per mount.
 */
int llapi_getname(const char *path, char *name, size_t namelen)
{
	char mnt[PATH_MAX];
	struct emu_fs fs;
	unsigned long long h = 0xcbf29ce484222325ULL;
	const char *c;
	int rc, n;

	if (path == NULL || name == NULL)
		return -EINVAL;
	rc = emu_mount_of(path, mnt, sizeof(mnt), &fs);
	if (rc < 0)
		return rc;
	for (c = mnt; *c != '\0'; c++) {
		h ^= (unsigned char)*c;
		h *= 0x100000001b3ULL;
	}
	n = snprintf(name, namelen, "%s-%016llx", fs.fsname, h);
	if (n < 0 || (size_t)n >= namelen)
		return -ENAMETOOLONG;
	return 0;
}

/* Same mount: equal strings, or same real parent directory and same name. */
static int emu_same_mount(const char *a, const char *b)
{
	char pa[PATH_MAX], pb[PATH_MAX], ra[PATH_MAX], rb[PATH_MAX];
	const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');

	if (strcmp(a, b) == 0)
		return 1;
	if (na == NULL || nb == NULL || strcmp(na, nb) != 0)
		return 0;
	snprintf(pa, sizeof(pa), "%.*s", (int)(na - a), a);
	snprintf(pb, sizeof(pb), "%.*s", (int)(nb - b), b);
	return realpath(pa[0] ? pa : "/", ra) != NULL &&
	       realpath(pb[0] ? pb : "/", rb) != NULL && strcmp(ra, rb) == 0;
}

/*
 * The agent UUID of an emulated client mount is its client UUID, listed by
 * the daemon in D/state/mounts as "<mount path> <uuid>" lines
 * (PROTOCOL.md section 1); D is the parent of the filesystem root.
 */
int llapi_get_agent_uuid(char *path, char *buf, size_t bufsize)
{
	char mnt[PATH_MAX], file[PATH_MAX + 16], line[PATH_MAX + 128];
	struct emu_fs fs;
	char *slash;
	FILE *f;
	int rc;

	if (path == NULL || buf == NULL)
		return -EINVAL;
	rc = emu_mount_of(path, mnt, sizeof(mnt), &fs);
	if (rc < 0)
		return rc;
	if (emu_ct_cached_uuid(mnt, buf, bufsize) == 0)
		return 0;
	snprintf(file, sizeof(file), "%s", fs.root);
	slash = strrchr(file, '/');
	if (slash == NULL)
		return -ENODEV;
	strcpy(slash, "/state/mounts");
	f = fopen(file, "re");
	if (f == NULL)
		return -errno;
	rc = -ENODEV; /* a path of the filesystem, but not a known mount */
	while (fgets(line, sizeof(line), f) != NULL) {
		char *uuid = strrchr(line, ' ');
		size_t n;

		if (uuid == NULL)
			continue;
		*uuid++ = '\0';
		n = strlen(uuid);
		while (n > 0 && (uuid[n - 1] == '\n' || uuid[n - 1] == '\r'))
			uuid[--n] = '\0';
		if (!emu_same_mount(line, mnt))
			continue;
		rc = n + 1 > bufsize ? -EOVERFLOW : 0;
		if (rc == 0)
			strcpy(buf, uuid);
		break;
	}
	fclose(f);
	return rc;
}

/*
 * Expands an lctl-style pattern against the params/ trees of the emulated
 * filesystems this process knows (D/state/params, dots become slashes).
 */
int llapi_param_get_paths(const char *pattern, glob_t *paths,
			  enum llapi_param_flags flags)
{
	char pat[PATH_MAX], dir[PATH_MAX], full[PATH_MAX * 3];
	struct emu_fs fs;
	char *slash, *p;
	int rc;

	(void)flags;
	if (pattern == NULL || paths == NULL || pattern[0] == '\0')
		return -EINVAL;
	memset(paths, 0, sizeof(*paths));
	snprintf(pat, sizeof(pat), "%s", pattern);
	for (p = pat; *p != '\0'; p++)
		if (*p == '.')
			*p = '/';

	/* $LHSM_EMU_FS names the filesystem, else the first one seen. */
	{
		const char *env = getenv("LHSM_EMU_FS");
		char first[PATH_MAX], rp[PATH_MAX];

		if (env != NULL && env[0] != '\0') {
			snprintf(first, sizeof(first), "%s", env);
			p = strchr(first, ':');
			if (p != NULL)
				*p = '\0';
			rc = emu_resolve(first, 1, 0, rp, &fs);
		} else {
			rc = emu_fs_first(&fs);
		}
		if (rc < 0)
			return rc == -ENODEV ? -EOPNOTSUPP : rc;
	}
	snprintf(dir, sizeof(dir), "%s", fs.root);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	if (snprintf(full, sizeof(full), "%s/state/params/%s", dir, pat) >=
	    (int)sizeof(full))
		return -ENAMETOOLONG;
	rc = glob(full, 0, NULL, paths);
	if (rc == GLOB_NOMATCH)
		return -ENOENT;
	if (rc != 0)
		return -ENOMEM;
	return 0;
}

void llapi_param_paths_free(glob_t *paths)
{
	globfree(paths);
}
