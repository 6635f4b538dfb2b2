/* duties.c: the duty profiles, as tables: what a wheel must cover. */
#include "core/duties.h"

#include <string.h>

#include "core/util.h"
#include "core/wheel.h"

#define PLAN (1u << PDCA_PLAN)
#define DO (1u << PDCA_DO)
#define CHECK (1u << PDCA_CHECK)
#define ACT (1u << PDCA_ACT)

/* iso27001: the recurring duties of ISO/IEC 27001 that belong in the
 * annual wheel, with the section of the Danish guidance that describes
 * them.  dk-state: what a state authority does besides (the guidance's
 * section 1: state authorities implement the standard; the box in 2.3:
 * the department's supervision is "reelt og aktivt", and the National Audit
 * Office sees to it).  gdpr: the yearly duties of the controller and its
 * data protection officer.  The phase is the one the guidance (chapter 2,
 * the PDCA model) gives the work: an audit plan is not an audit. */
static const struct duty duties[] = {
    {"context", PROFILE_ISO27001, "context and scope of the ISMS",
	{"4.1", "4.2", "4.3"}, {"4.1", "4.2", "4.3"}, 12, PLAN, "2.1"},
    {"policy", PROFILE_ISO27001, "information security policy", {"5.2"},
	{"5.2"}, 12, PLAN, "2.2"},
    {"roles", PROFILE_ISO27001, "roles, responsibilities and authorities",
	{"5.3"}, {"5.3"}, 12, PLAN, "2.2"},
    {"risk-assessment", PROFILE_ISO27001, "risk assessment",
	{"6.1.2", "8.2"}, {"6.1.2", "8.2"}, 12, PLAN, "2.3"},
    {"risk-treatment", PROFILE_ISO27001,
	"risk treatment and statement of applicability", {"6.1.3", "8.3"},
	{"6.1.3", "8.3"}, 12, PLAN, "2.3"},
    {"objectives", PROFILE_ISO27001, "information security objectives",
	{"6.2"}, {"6.2"}, 12, PLAN, "2.2"},
    {"resources", PROFILE_ISO27001, "resources", {"7.1"}, {"7.1"}, 12, PLAN,
	"2.4"},
    {"competence", PROFILE_ISO27001, "competence", {"7.2"}, {"7.2"}, 12, DO,
	"2.5"},
    {"awareness", PROFILE_ISO27001, "awareness", {"7.3"}, {"7.3"}, 12, DO,
	"2.6"},
    {"communication", PROFILE_ISO27001, "communication", {"7.4"}, {"7.4"},
	12, DO, "2.7"},
    {"documented-information", PROFILE_ISO27001, "documented information",
	{"7.5"}, {"7.5"}, 12, DO, "2.8"},
    /* A measurement programme reports "according to a fixed plan"; one
     * measurement a year shows no trend to the management review. */
    {"monitoring", PROFILE_ISO27001,
	"monitoring, measurement, analysis and evaluation", {"9.1"}, {"9.1"},
	6, CHECK, "2.9"},
    {"internal-audit", PROFILE_ISO27001, "internal audit", {"9.2"}, {"9.2"},
	12, CHECK, "2.9"},
    {"management-review", PROFILE_ISO27001, "management review", {"9.3"},
	{"9.3"}, 12, CHECK, "2.9"},
    {"improvement", PROFILE_ISO27001,
	"improvement, nonconformity and corrective action", {"10.1", "10.2"},
	{"10.1", "10.2"}, 12, ACT, "2.10"},
    {"suppliers", PROFILE_ISO27001, "supplier relationships",
	{"A.5.19", "A.5.20", "A.5.21", "A.5.22"}, {"A.15.1", "A.15.2"}, 12,
	DO | CHECK, "2.9"},
    /* Incidents are handled as they come; what recurs is the analysis
     * that learns from them (2.10), at least every half year. */
    {"incident-management", PROFILE_ISO27001,
	"information security incident management",
	{"A.5.24", "A.5.25", "A.5.26", "A.5.27", "A.5.28"}, {"A.16.1"}, 6,
	CHECK | ACT, "2.9 and 2.10"},
    /* The contingency plan is optional documentation in the table in 2.8
     * (A.17.1.2); 2.7 asks what is said to citizens in a contingency. */
    {"continuity", PROFILE_ISO27001,
	"information security continuity, ICT readiness and redundancy",
	{"A.5.29", "A.5.30", "A.8.14"}, {"A.17.1", "A.17.2"}, 12, CHECK,
	"2.7 and the table in 2.8"},

    {"maturity-measurement", PROFILE_DK_STATE,
	"the yearly ISO 27001 maturity measurement for the Agency for "
	"Digital Government, signed off by top management",
	{NULL}, {NULL}, 12, CHECK, "1 and 2.9"},
    {"minimum-requirements", PROFILE_DK_STATE,
	"follow-up on the state's technical minimum requirements", {NULL},
	{NULL}, 12, ACT, "1"},
    {"supervision-report", PROFILE_DK_STATE,
	"reporting to the ministry's supervision", {NULL}, {NULL}, 12, CHECK,
	"the box in 2.3"},
    {"audit-office-findings", PROFILE_DK_STATE,
	"follow-up on the National Audit Office's (Rigsrevisionen) findings",
	{NULL}, {NULL}, 12, ACT, "the box in 2.3"},

    {"gdpr-records", PROFILE_GDPR,
	"review of the records of processing activities (GDPR Art. 30)",
	{NULL}, {NULL}, 12, CHECK, "2.1 and the table in 2.8"},
    {"gdpr-dpia", PROFILE_GDPR,
	"review of the data protection impact assessments (GDPR Art. 35(11))",
	{NULL}, {NULL}, 12, CHECK, "2.3"},
    {"gdpr-processors", PROFILE_GDPR,
	"supervision of data processors and their auditor's statements "
	"(GDPR Art. 28)",
	{NULL}, {NULL}, 12, CHECK, "2.9"},
    {"dpo-report", PROFILE_GDPR,
	"the data protection officer's yearly report to management (GDPR "
	"Art. 38-39)",
	{NULL}, {NULL}, 12, CHECK, "2.7"},
};

static const char *const profiles[] = {"iso27001", "dk-state", "gdpr"};

const struct duty *
duties_all(size_t *n)
{
	*n = ARRAY_LEN(duties);
	return duties;
}

const struct duty *
duty_find(const char *id)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(duties); i++)
		if (strcmp(duties[i].id, id) == 0)
			return &duties[i];
	return NULL;
}

unsigned
profile_bit(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(profiles); i++)
		if (strcmp(profiles[i], name) == 0)
			return 1u << i;
	return 0;
}

const char *
profile_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(profiles); i++)
		if (bit == 1u << i)
			return profiles[i];
	return "";
}

const char *const *
profile_names(size_t *n)
{
	*n = ARRAY_LEN(profiles);
	return profiles;
}
