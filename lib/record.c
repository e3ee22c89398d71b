/* record.c: one record shown whole: its fields, then tables of its rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

static const char *const field_cols[] = { "field", "value", NULL };

void
beat_rec_field(struct beat_rec *r, const char *key, char *val, enum beat_rec_kind kind)
{
	if (r->keys[r->nfields] == NULL || strcmp(key, r->keys[r->nfields]) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "field '%s' out of order", key);
	if (r->nfields == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->fields = beat_xrealloc(r->fields, r->cap * sizeof(*r->fields));
	}
	r->fields[r->nfields].key = key;
	r->fields[r->nfields].val = val;
	r->fields[r->nfields++].kind = kind;
}

void
beat_rec_row(struct beat_rec_block *b, char **cells)
{
	size_t i;

	if (b->n + b->ncols > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16 * b->ncols;
		b->cells = beat_xrealloc(b->cells, b->cap * sizeof(*b->cells));
	}
	for (i = 0; i < b->ncols; i++)
		b->cells[b->n++] = cells[i];
}

/* The code set of a name in a list of pairs, or NULL. */
static const char *
set_of(const char *const *codes, const char *name)
{
	for (; codes != NULL && codes[0] != NULL; codes += 2)
		if (strcmp(codes[0], name) == 0)
			return codes[1];
	return NULL;
}

static void
tell_codes(struct beat_out *o, struct beat_conn *db, const char *const *codes)
{
	for (; codes != NULL && codes[0] != NULL; codes += 2)
		beat_out_codes(o, db, codes[0], codes[1]);
}

void
beat_rec_print(struct beat_conn *db, const struct beat_rec *r)
{
	const struct beat_rec_field *f;
	const struct beat_rec_block *b;
	struct beat_out *o;
	const char *set, *kind;
	size_t i, k;
	char *t;

	o = beat_out_new(stdout, field_cols);
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		set = set_of(r->codes, f->key);
		beat_out_str(o, beat_out_name(o, f->key));
		if (set != NULL)
			beat_out_str(o, beat_out_label(o, db, set, f->val));
		else if (f->kind == BEAT_REC_DEADLINE && f->val != NULL) {
			/* "DAY KIND": the kind by its name */
			kind = strchr(f->val, ' ');
			t = beat_xasprintf("%.*s %s", (int)(kind - f->val), f->val,
			    beat_out_label(o, db, "deadline", kind + 1));
			beat_out_str(o, t);
			free(t);
		} else
			beat_out_str(o, f->val);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	for (k = 0; k < r->nblocks; k++) {
		b = r->blocks[k];
		putchar('\n');
		o = beat_out_new(stdout, b->cols + 1);
		tell_codes(o, db, b->codes);
		for (i = 0; i < b->n; i++) {
			beat_out_str(o, b->cells[i]);
			if ((i + 1) % b->ncols == 0)
				beat_out_end_row(o);
		}
		beat_out_finish(o);
	}
}

void
beat_rec_json(const struct beat_rec *r, int first)
{
	const struct beat_rec_field *f;
	const struct beat_rec_block *b;
	size_t i, k;

	printf("%s{", first ? "\n" : ",\n");
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		printf("%s\n  ", i ? "," : "");
		beat_json_str(stdout, f->key);
		printf(": ");
		if (f->val == NULL || f->kind == BEAT_REC_TEXT || f->kind == BEAT_REC_DEADLINE)
			beat_json_str(stdout, f->val);
		else if (f->kind == BEAT_REC_BOOL)
			printf("%s", strcmp(f->val, "0") ? "true" : "false");
		else
			printf("%s", f->val);
	}
	for (k = 0; k < r->nblocks; k++) {
		b = r->blocks[k];
		printf(",\n  \"%s\": [", b->name);
		for (i = 0; i < b->n; i++) {
			if (i % b->ncols == 0)
				printf("%s\n    {", i ? "," : "");
			else
				printf(", ");
			beat_json_str(stdout, b->cols[1 + i % b->ncols]);
			printf(": ");
			beat_json_str(stdout, b->cells[i]);
			if ((i + 1) % b->ncols == 0)
				printf("}");
		}
		printf("%s]", b->n ? "\n  " : "");
	}
	printf("\n}");
}

int
beat_rec_section(const struct beat_rec *r, const char *name)
{
	size_t k;

	if (strcmp(name, "fields") == 0)
		return 0;
	for (k = 0; k < r->nblocks; k++)
		if (strcmp(name, r->blocks[k]->name) == 0)
			return 1 + (int)k;
	return -1;
}

struct beat_out *
beat_rec_out(struct beat_conn *db, const struct beat_rec *r, int section)
{
	struct beat_out *o;

	if (section == 0) {
		o = beat_out_new(stdout, r->keys);
		tell_codes(o, db, r->codes);
	} else {
		o = beat_out_new(stdout, r->blocks[section - 1]->cols);
		tell_codes(o, db, r->blocks[section - 1]->codes);
	}
	return o;
}

void
beat_rec_rows(struct beat_out *o, const struct beat_rec *r, int section)
{
	const struct beat_rec_block *b;
	size_t i;

	if (section == 0) {
		for (i = 0; i < r->nfields; i++)
			if (r->fields[i].kind == BEAT_REC_TEXT || r->fields[i].kind == BEAT_REC_DEADLINE)
				beat_out_str(o, r->fields[i].val);
			else
				beat_out_num(o, r->fields[i].val);
		beat_out_end_row(o);
		return;
	}
	b = r->blocks[section - 1];
	for (i = 0; i < b->n; i++) {
		if (i % b->ncols == 0)
			beat_out_str(o, r->fields[0].val);
		beat_out_str(o, b->cells[i]);
		if ((i + 1) % b->ncols == 0)
			beat_out_end_row(o);
	}
}

void
beat_rec_clear(struct beat_rec *r)
{
	size_t i, k;

	for (i = 0; i < r->nfields; i++)
		free(r->fields[i].val);
	r->nfields = 0;
	for (k = 0; k < r->nblocks; k++) {
		for (i = 0; i < r->blocks[k]->n; i++)
			free(r->blocks[k]->cells[i]);
		r->blocks[k]->n = 0;
	}
}
