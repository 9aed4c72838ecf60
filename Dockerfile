# CouplingPortal: multi-stage build. The build stage runs the same `dotnet publish` that is verified on the
# development machines; the runtime stage runs as a non-root user with the data folder as a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/CouplingPortal.Web/CouplingPortal.Web.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The SQLite file and data-protection keys live here; mount a volume to keep them.
RUN mkdir -p /app/data && chown -R app:app /app/data
VOLUME ["/app/data"]
USER app
# Listen address: override ASPNETCORE_URLS (for example http://+:8080) as needed; TLS is expected at a reverse proxy.
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataFolder=/app/data
EXPOSE 8080
ENTRYPOINT ["dotnet", "CouplingPortal.Web.dll"]
