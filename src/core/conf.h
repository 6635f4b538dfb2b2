/* conf.h: the service configuration (aarshjul.conf) as typed values;
 * io/config.c reads and checks the file. */
#ifndef AARSHJUL_CONF_H
#define AARSHJUL_CONF_H

#include <stddef.h>


#define CONFIG_DEFAULT_PATH "/etc/aarshjul/aarshjul.conf"

enum detail {
	DETAIL_FULL,   /* everything */
	DETAIL_TITLES, /* titles and dates, no description, evidence, owner */
	DETAIL_BUSY    /* a neutral title and the dates only */
};

/* A [feed NAME] section: a feed beside "all" and the role feeds. */
struct feed_conf {
	char *name;
	char *title;
	char **roles; /* activities these roles own or are notified of */
	size_t nroles;
	char **activities;
	size_t nactivities;
	enum detail detail;
	int detail_set; /* else [aarshjul] detail applies */
	int roles_line, activities_line;
	int past;  /* months before today */
	int ahead; /* months after today */
	int line;
};

/* [serve]: the feed server's limits. */
struct serve_conf {
	char *listen;	     /* ADDR:PORT */
	unsigned max_conns;  /* connections at once */
	unsigned per_client; /* connections at once from one address */
	unsigned timeout;    /* seconds a connection may idle */
	unsigned max_request; /* bytes of a request's line and headers */
	unsigned threads;     /* serving threads; 0: one per core */
	int line;
};

/* [mail] invitations: who gets the wheel's deadlines as calendar
 * invitations (core/invite.h). */
enum invitations {
	INVITE_NONE,	      /* none (the default) */
	INVITE_OWNERS,	      /* each occurrence's owner role */
	INVITE_OWNERS_NOTIFY  /* and the roles notified of it */
};

enum transport {
	TRANSPORT_NONE, /* no [mail] section */
	TRANSPORT_OUTBOX,
	TRANSPORT_SMTP
};

/* [mail]: how reminders and reports leave. */
struct mail_conf {
	enum transport transport;
	char *outbox;	     /* TRANSPORT_OUTBOX: the folder */
	char *url;	     /* TRANSPORT_SMTP: smtp://host:port, smtps://... */
	int starttls;	     /* smtp://: 1 required (default), 0 only to loopback */
	char *user;
	char *password_file;
	char *from_name;     /* display name, may be NULL */
	char *from_addr;
	char *ehlo;
	char *ca_file;	     /* trust this CA (a private or test CA) */
	unsigned connect_timeout; /* seconds */
	unsigned timeout;	  /* seconds for one message */
	unsigned link_days;	  /* a done-link works this long after the due date */
	enum invitations invitations;
	int line;
};

/* [invitations]: which activities are sent as invitations, at what
 * detail, how far ahead, and how many messages a run sends at most.  The
 * selection is a feed's (roles, activities, detail; ahead in months). */
struct invite_conf {
	struct feed_conf sel;
	unsigned max; /* max-invitations */
	int line;
};

/* [report] */
struct report_conf {
	int weekday; /* 0 Monday ... 6 Sunday: `run` sends the report then */
	int no_picture; /* picture = no: no drawn wheel in the mail */
};

struct config {
	char *path; /* NULL when running on wheel files alone (-w) */
	char **wheels;
	size_t nwheels;
	char **wheel_dirs; /* folders named by wheel, watched by serve */
	size_t nwheel_dirs;
	long since; /* day_t: occurrences due before it are history */
	int since_set; /* since given, as a date or as none */
	char *state;
	char *feeds;
	char *base_url;
	enum detail detail; /* of "all" and the role feeds */
	struct serve_conf serve;
	struct mail_conf mail;
	struct report_conf report;
	struct invite_conf invite;
	char *empty_folder; /* a wheel folder without *.ini files */
	struct feed_conf *feedconf;
	size_t nfeedconf;
};

#endif
