# reconcile for CI systems that run containers.
#   docker build -t reconcile .
#   docker run --rm -v "$PWD/schema:/schema" -e DATABASE_URL reconcile plan -m /schema
# Stage 1 builds and installs into /out; stage 2 is debian-slim with only the
# shared libraries the binary links (libpq, fmt, boost program_options).
FROM debian:12-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake git ca-certificates \
      libpq-dev nlohmann-json3-dev libboost-program-options-dev libfmt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
 && cmake --build /build -j"$(nproc)" --target reconcile \
 && cmake --install /build --prefix /out/usr --strip

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 libfmt9 libboost-program-options1.74.0 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr /usr
# Any user works; not root by default.
USER nobody
WORKDIR /work
ENTRYPOINT ["reconcile"]
CMD ["--help"]
