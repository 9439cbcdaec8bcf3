# syntax=docker/dockerfile:1
# Build stage: .NET SDK + Node.js for the front-end packages in wwwroot/package.json.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Dashboard.sln ./
COPY src/ClusterNet.Core/ClusterNet.Core.csproj src/ClusterNet.Core/
COPY src/ClusterNet.Kubernetes/ClusterNet.Kubernetes.csproj src/ClusterNet.Kubernetes/
COPY src/ClusterNet.Web/ClusterNet.Web.csproj src/ClusterNet.Web/
RUN dotnet restore src/ClusterNet.Web/ClusterNet.Web.csproj
COPY wwwroot/package.json wwwroot/package-lock.json wwwroot/
RUN cd wwwroot && npm ci --no-audit --no-fund
COPY . .
RUN dotnet publish src/ClusterNet.Web/ClusterNet.Web.csproj -c Release -o /app --no-restore

# Runtime stage: ASP.NET runtime only, non-root, port 8080. Chiseled: no shell, no package manager, a fraction of the
# packages (and CVEs) of the Debian-based image; the app runs with InvariantGlobalization, so it needs no ICU.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["dotnet", "ClusterNet.Web.dll"]
