/* Mapping paths to emulated filesystems and mounts (PROTOCOL.md section 1). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu.h"

#define EMU_CONF "/.lustre/lhsm-emulator.conf"

static int emu_parse_conf(const char *root, struct emu_fs *fs)
{
	char conf[PATH_MAX + sizeof(EMU_CONF)];
	char line[PATH_MAX + 32];
	FILE *f;

	snprintf(conf, sizeof(conf), "%s%s", root, EMU_CONF);
	f = fopen(conf, "re");
	if (f == NULL)
		return -errno;
	memset(fs, 0, sizeof(*fs));
	snprintf(fs->root, sizeof(fs->root), "%s", root);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *v = strchr(line, '=');
		size_t n;

		if (v == NULL)
			continue;
		*v++ = '\0';
		n = strlen(v);
		while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == '\r'))
			v[--n] = '\0';
		if (strcmp(line, "socket") == 0)
			snprintf(fs->socket, sizeof(fs->socket), "%s", v);
		else if (strcmp(line, "fsname") == 0)
			snprintf(fs->fsname, sizeof(fs->fsname), "%s", v);
	}
	fclose(f);
	if (fs->socket[0] == '\0' || fs->fsname[0] == '\0')
		return -EINVAL;
	return 0;
}

int emu_fs_of_realpath(const char *rpath, struct emu_fs *fs)
{
	char dir[PATH_MAX];
	struct stat st;

	if (snprintf(dir, sizeof(dir), "%s", rpath) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		char *slash = strrchr(dir, '/');

		if (slash == NULL)
			return -ENODEV;
		slash[slash == dir ? 1 : 0] = '\0';
	}
	for (;;) {
		char conf[PATH_MAX + sizeof(EMU_CONF)];
		char *slash;

		snprintf(conf, sizeof(conf), "%s%s",
			 strcmp(dir, "/") == 0 ? "" : dir, EMU_CONF);
		if (access(conf, F_OK) == 0) {
			int rc = emu_parse_conf(strcmp(dir, "/") == 0 ? "" : dir,
						fs);

			if (rc == 0)
				emu_fs_remember(fs);
			return rc == 0 ? 0 : -ENODEV;
		}
		if (strcmp(dir, "/") == 0)
			return -ENODEV;
		slash = strrchr(dir, '/');
		if (slash == NULL)
			return -ENODEV;
		slash[slash == dir ? 1 : 0] = '\0';
	}
}

int emu_normalise(const char *path, char *out, size_t outsz)
{
	char buf[PATH_MAX * 2];
	char *save = NULL, *tok;
	size_t n = 0;

	if (path == NULL || *path == '\0')
		return -EINVAL;
	if (path[0] == '/') {
		snprintf(buf, sizeof(buf), "%s", path);
	} else {
		char cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return -errno;
		if (snprintf(buf, sizeof(buf), "%s/%s", cwd, path) >=
		    (int)sizeof(buf))
			return -ENAMETOOLONG;
	}
	if (outsz < 2)
		return -ENAMETOOLONG;
	out[0] = '\0';
	for (tok = strtok_r(buf, "/", &save); tok != NULL;
	     tok = strtok_r(NULL, "/", &save)) {
		size_t tl = strlen(tok);

		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		if (n + 1 + tl + 1 > outsz)
			return -ENAMETOOLONG;
		out[n++] = '/';
		memcpy(out + n, tok, tl);
		n += tl;
		out[n] = '\0';
	}
	if (n == 0)
		strcpy(out, "/");
	return 0;
}

/* realpath(dir of path) + final component, or realpath(path) when follow. */
int emu_resolve(const char *path, int follow, int allow_missing, char *out,
		struct emu_fs *fs)
{
	char norm[PATH_MAX], dir[PATH_MAX], rdir[PATH_MAX], full[PATH_MAX];
	const char *base;
	char *slash;
	struct stat st;
	int rc;

	rc = emu_normalise(path, norm, sizeof(norm));
	if (rc < 0)
		return rc;
	if (strcmp(norm, "/") == 0)
		return -ENODEV;
	if (follow && realpath(norm, full) != NULL) {
		snprintf(out, PATH_MAX, "%s", full);
		return emu_fs_of_realpath(out, fs);
	}
	if (follow && (errno != ENOENT || !allow_missing))
		return -errno;

	/* The final component is kept as is (missing, or not followed). */
	snprintf(dir, sizeof(dir), "%s", norm);
	slash = strrchr(dir, '/');
	base = norm + (slash - dir) + 1;
	slash[slash == dir ? 1 : 0] = '\0';
	if (realpath(dir, rdir) == NULL)
		return -errno;
	if (snprintf(full, sizeof(full), "%s/%s",
		     strcmp(rdir, "/") == 0 ? "" : rdir,
		     base) >= (int)sizeof(full))
		return -ENAMETOOLONG;
	if (lstat(full, &st) < 0) {
		if (errno != ENOENT || !allow_missing)
			return -errno;
	} else if (S_ISLNK(st.st_mode)) {
		/* A mount point is a symlink to the fs root: it stands for it. */
		char target[PATH_MAX];
		struct emu_fs tfs;

		if (realpath(full, target) != NULL &&
		    emu_fs_of_realpath(target, &tfs) == 0 &&
		    strcmp(tfs.root, target) == 0) {
			snprintf(out, PATH_MAX, "%s", target);
			*fs = tfs;
			return 0;
		}
	}
	snprintf(out, PATH_MAX, "%s", full);
	return emu_fs_of_realpath(rdir, fs);
}

int emu_resolve_fd(int fd, char *out, struct emu_fs *fs)
{
	char link[64];
	ssize_t n;

	if (fd < 0)
		return -EBADF;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, out, PATH_MAX - 1);
	if (n < 0)
		return errno == ENOENT ? -EBADF : -errno;
	out[n] = '\0';
	if (out[0] != '/')
		return -ENOTTY; /* pipe, socket, ... */
	return emu_fs_of_realpath(out, fs);
}

void emu_put_open_file(struct emu_buf *b, int fd, const char *path)
{
	struct statx stx;
	uint64_t ino = 0, birth_ns = 0;

	if (statx(fd, "", AT_EMPTY_PATH, STATX_INO | STATX_BTIME, &stx) == 0) {
		ino = stx.stx_ino;
		if (stx.stx_mask & STATX_BTIME)
			birth_ns = (uint64_t)stx.stx_btime.tv_sec * 1000000000u +
				   stx.stx_btime.tv_nsec;
	}
	emu_put_str(b, path);
	emu_put_u64(b, ino);
	emu_put_u64(b, birth_ns);
}

int emu_mount_of(const char *path, char *mnt, size_t mntsz, struct emu_fs *fs)
{
	char norm[PATH_MAX], rp[PATH_MAX];
	char *slash;
	int rc;

	rc = emu_normalise(path, norm, sizeof(norm));
	if (rc < 0)
		return rc;
	/* The path itself may not exist yet: find its filesystem first. */
	rc = emu_resolve(norm, 1, 1, rp, fs);
	if (rc < 0)
		return rc;
	for (;;) {
		if (realpath(norm, rp) != NULL && strcmp(rp, fs->root) == 0) {
			if (snprintf(mnt, mntsz, "%s", norm) >= (int)mntsz)
				return -ENAMETOOLONG;
			return 0;
		}
		if (strcmp(norm, "/") == 0)
			return -ENODEV;
		slash = strrchr(norm, '/');
		slash[slash == norm ? 1 : 0] = '\0';
	}
}

/* ---- filesystems known by name ------------------------------------------- */

#define EMU_KNOWN_MAX 16
static struct emu_fs emu_known[EMU_KNOWN_MAX];
static int emu_known_count;
static pthread_mutex_t emu_known_lock = PTHREAD_MUTEX_INITIALIZER;

void emu_fs_remember(const struct emu_fs *fs)
{
	int i;

	pthread_mutex_lock(&emu_known_lock);
	for (i = 0; i < emu_known_count; i++)
		if (strcmp(emu_known[i].root, fs->root) == 0)
			break;
	if (i == emu_known_count) {
		if (emu_known_count < EMU_KNOWN_MAX)
			emu_known_count++;
		else
			i = EMU_KNOWN_MAX - 1;
	}
	emu_known[i] = *fs;
	pthread_mutex_unlock(&emu_known_lock);
}

static int emu_fs_known_lookup(const char *fsname, struct emu_fs *fs)
{
	int i, rc = -ENODEV;

	pthread_mutex_lock(&emu_known_lock);
	for (i = 0; i < emu_known_count; i++) {
		if (strcmp(emu_known[i].fsname, fsname) == 0) {
			*fs = emu_known[i];
			rc = 0;
			break;
		}
	}
	pthread_mutex_unlock(&emu_known_lock);
	return rc;
}

int emu_fs_by_name(const char *fsname, struct emu_fs *fs)
{
	const char *env;
	char *list, *save = NULL, *tok;

	if (emu_fs_known_lookup(fsname, fs) == 0)
		return 0;
	/* $LHSM_EMU_FS: colon-separated paths inside emulated filesystems. */
	env = getenv("LHSM_EMU_FS");
	if (env == NULL)
		return -ENODEV;
	list = strdup(env);
	if (list == NULL)
		return -ENOMEM;
	for (tok = strtok_r(list, ":", &save); tok != NULL;
	     tok = strtok_r(NULL, ":", &save)) {
		char rp[PATH_MAX];
		struct emu_fs cand;

		if (realpath(tok, rp) != NULL &&
		    emu_fs_of_realpath(rp, &cand) == 0 &&
		    strcmp(cand.fsname, fsname) == 0) {
			*fs = cand;
			free(list);
			return 0;
		}
	}
	free(list);
	return -ENODEV;
}

int emu_fs_first(struct emu_fs *fs)
{
	int rc = -ENODEV;

	pthread_mutex_lock(&emu_known_lock);
	if (emu_known_count > 0) {
		*fs = emu_known[0];
		rc = 0;
	}
	pthread_mutex_unlock(&emu_known_lock);
	return rc;
}
