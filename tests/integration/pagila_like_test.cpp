// The round-trip law on a schema shaped like pagila's (written here, not
// copied): an enum and a domain, standalone sequences drawn by defaults, a
// last_update trigger on every table, a full-text trigger calling a
// built-in, SQL and PL/pgSQL functions, a view on a view, a view grouping
// over joins, a materialized view with a unique index, and grants. Export
// then plan is empty; the export applied to an empty database gives the
// same pg_dump --schema-only and plans empty again.
#include <catch2/catch.hpp>

#include "tests/integration/scenario_support.hpp"
#include "tests/support/temp_cluster.hpp"

using namespace reconcile::testing;

namespace {

constexpr const char* pagila_like = R"SQL(
CREATE TYPE public.mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE SEQUENCE public.actor_actor_id_seq;
CREATE SEQUENCE public.film_film_id_seq;
CREATE SEQUENCE public.category_category_id_seq;

CREATE FUNCTION public.last_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.last_update = CURRENT_TIMESTAMP;
    RETURN NEW;
END $$;

CREATE TABLE public.actor (
    actor_id integer DEFAULT nextval('public.actor_actor_id_seq'::regclass) NOT NULL PRIMARY KEY,
    first_name text NOT NULL,
    last_name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);
CREATE INDEX idx_actor_last_name ON public.actor (last_name);
CREATE TABLE public.category (
    category_id integer DEFAULT nextval('public.category_category_id_seq'::regclass) NOT NULL PRIMARY KEY,
    name text NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE public.film (
    film_id integer DEFAULT nextval('public.film_film_id_seq'::regclass) NOT NULL PRIMARY KEY,
    title text NOT NULL,
    description text,
    release_year public.year,
    rental_rate numeric(4,2) DEFAULT 4.99 NOT NULL,
    rating public.mpaa_rating DEFAULT 'G'::public.mpaa_rating,
    special_features text[],
    fulltext tsvector NOT NULL,
    last_update timestamp with time zone DEFAULT now() NOT NULL
);
CREATE INDEX film_fulltext_idx ON public.film USING gist (fulltext);
CREATE TABLE public.film_actor (
    actor_id integer NOT NULL REFERENCES public.actor (actor_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    film_id integer NOT NULL REFERENCES public.film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    PRIMARY KEY (actor_id, film_id)
);
CREATE TABLE public.film_category (
    film_id integer NOT NULL REFERENCES public.film (film_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    category_id integer NOT NULL REFERENCES public.category (category_id) ON UPDATE CASCADE ON DELETE RESTRICT,
    last_update timestamp with time zone DEFAULT now() NOT NULL,
    PRIMARY KEY (film_id, category_id)
);
CREATE TRIGGER last_updated BEFORE UPDATE ON public.actor FOR EACH ROW EXECUTE FUNCTION public.last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON public.category FOR EACH ROW EXECUTE FUNCTION public.last_updated();
CREATE TRIGGER last_updated BEFORE UPDATE ON public.film FOR EACH ROW EXECUTE FUNCTION public.last_updated();
CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON public.film
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('fulltext', 'pg_catalog.english', 'title', 'description');

CREATE FUNCTION public.films_in_category(p_category text) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT count(*) FROM public.film_category fc JOIN public.category c USING (category_id)
    WHERE c.name = p_category
$$;
COMMENT ON FUNCTION public.films_in_category(text) IS 'how many films a category holds';

CREATE VIEW public.film_list AS
    SELECT f.film_id AS fid, f.title, c.name AS category, f.rental_rate AS price, f.rating
    FROM public.film f
    LEFT JOIN public.film_category fc ON fc.film_id = f.film_id
    LEFT JOIN public.category c ON c.category_id = fc.category_id;
CREATE VIEW public.cheap_films AS SELECT fid, title FROM public.film_list WHERE price < 1;
CREATE VIEW public.actor_info AS
    SELECT a.actor_id, a.first_name, a.last_name, count(fa.film_id) AS films
    FROM public.actor a LEFT JOIN public.film_actor fa ON fa.actor_id = a.actor_id
    GROUP BY a.actor_id, a.first_name, a.last_name;
CREATE MATERIALIZED VIEW public.films_by_category AS
    SELECT c.name AS category, count(*) AS films
    FROM public.category c JOIN public.film_category fc ON fc.category_id = c.category_id
    GROUP BY c.name WITH NO DATA;
CREATE UNIQUE INDEX films_by_category_category ON public.films_by_category (category);

CREATE ROLE pagila_reader_roundtrip;
GRANT SELECT ON public.film_list, public.actor_info TO pagila_reader_roundtrip;
GRANT EXECUTE ON FUNCTION public.films_in_category(text) TO pagila_reader_roundtrip;
)SQL";

}  // namespace

TEST_CASE("round trip on a pagila-like schema: views, a materialized view, functions, triggers and grants",
          "[roundtrip][views][functions]") {
    auto& cluster = TempCluster::shared();
    std::string source = cluster.create_database("pagila_like");
    cluster.run_sql(source, pagila_like);

    std::string dir = export_and_check_empty_plan(source);
    CHECK(has(read_file(dir + "/public/film_list.json"), "\"view\""));
    CHECK(has(read_file(dir + "/public/films_by_category.json"), "\"with_no_data\": true"));
    CHECK(has(read_file(dir + "/public/functions/films_in_category.json"), "pagila_reader_roundtrip"));

    auto rebuilt = check_rebuilds_from_export(source, dir);
    // The triggers work in the rebuilt database: the full-text one calls a
    // built-in, last_updated a managed function.
    cluster.run_sql(rebuilt, "INSERT INTO public.film (title, description) VALUES ('Academy Dinosaur', 'an epic');"
                             "UPDATE public.film SET last_update = '2000-01-01' WHERE title = 'Academy Dinosaur';");
    CHECK(query_column(rebuilt, "SELECT (fulltext @@ to_tsquery('english', 'epic'))::text FROM public.film") ==
          "true");
    CHECK(query_column(rebuilt, "SELECT (last_update > '2000-01-02')::text FROM public.film") == "true");

    cluster.run_sql(rebuilt, "DROP OWNED BY pagila_reader_roundtrip;");
    cluster.run_sql(source, "DROP OWNED BY pagila_reader_roundtrip; DROP ROLE pagila_reader_roundtrip;");
}
