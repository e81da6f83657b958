#include "Process.h"
#include "Reference.h"
#include "Startup.h"
#include "Stats.h"
#include "Workloads.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <iostream>
#include <vector>

#include <unistd.h>

using namespace confab::bench;

int main(int argc, char** argv)
{
    CLI::App app{"confab-bench: load generator and workloads for confabd"};
    app.require_subcommand(1);

    std::string portFile;
    auto* reference = app.add_subcommand("serve-reference", "Run the reference fan-out server");
    reference->add_option("--port-file", portFile, "Write the bound port here")->required();

    Setup setup;
    setup.confabd = CONFAB_DEFAULT_CONFABD;
    std::vector<std::string> workloads;
    int runs = 5;
    auto* prepare = app.add_subcommand("prepare-b8", "Prepare a remembered sign-in (used by B8)");
    std::string prepareConfabd = CONFAB_DEFAULT_CONFABD;
    prepare->add_option("--confabd", prepareConfabd, "The confabd binary");
    auto* run = app.add_subcommand("run", "Run workloads and print their figures");
    run->add_option("workloads", workloads,
                    "b1 b2 b3 b4 b5 b6 b7 b7pg b8 b9 b10 b11 (default: all)");
    run->add_option("--runs", runs, "Runs per workload; the median is reported")
        ->capture_default_str();
    run->add_option("--confabd", setup.confabd, "The confabd binary")->capture_default_str();
    run->add_option("--work-dir", setup.work, "Scratch directory");
    run->add_option("--cache-dir", setup.cache, "Kept between runs (B7's database)");
    run->add_option("--b7-messages", setup.b7Messages, "Messages in B7's database")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    if (reference->parsed()) {
        return runReferenceServer(portFile);
    }
    if (prepare->parsed()) {
        return prepareSavedSignIn(argc, argv, prepareConfabd);
    }

    char self[4096] = {};
    const ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - 1);
    setup.self = std::string(self, length > 0 ? static_cast<std::size_t>(length) : 0);
    if (setup.work.empty()) {
        setup.work =
            std::filesystem::temp_directory_path() / ("confab-bench-" + std::to_string(getpid()));
    }
    if (setup.cache.empty()) {
        setup.cache = std::filesystem::current_path() / "bench-data";
    }
    std::filesystem::create_directories(setup.work);
    std::filesystem::create_directories(setup.cache);
    if (workloads.empty()) {
        workloads = {"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b7pg", "b8", "b9", "b10", "b11"};
    }
    // The load runs on the last CPU, the servers under test on the first.
    pinSelf(cpuCount() - 1);

    const std::map<std::string, std::function<Result(const Setup&)>> table = {
        {"b1", runB1}, {"b2", runB2}, {"b3", runB3},   {"b4", runB4},
        {"b5", runB5}, {"b6", runB6}, {"b7", runB7},   {"b7pg", runB7Postgres},
        {"b8", runB8}, {"b9", runB9}, {"b10", runB10}, {"b11", runB11}};
    int failures = 0;
    for (const auto& name : workloads) {
        const auto it = table.find(name);
        if (it == table.end()) {
            std::cerr << "unknown workload " << name << '\n';
            return 2;
        }
        std::map<std::string, std::vector<double>> values;
        for (int i = 1; i <= runs; ++i) {
            try {
                const Result result = it->second(setup);
                std::cout << name << " run " << i << ":";
                for (const auto& [metric, value] : result) {
                    std::cout << ' ' << metric << '=' << value;
                    values[metric].push_back(value);
                }
                std::cout << std::endl;
            } catch (const std::exception& e) {
                std::cerr << name << " run " << i << " failed: " << e.what() << std::endl;
                ++failures;
            }
        }
        std::cout << "\n| " << name << " (median of " << runs << ") | value |\n|---|---|\n";
        for (const auto& [metric, samples] : values) {
            std::printf("| %s | %.3f |\n", metric.c_str(), median(samples));
        }
        std::cout << std::endl;
    }
    std::filesystem::remove_all(setup.work);
    return failures == 0 ? 0 : 1;
}
