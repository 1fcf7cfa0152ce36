# Dendrite native backend. Each instruction-set variant is its own static library so it
# can carry its own flags (GCC/Clang -m…, MSVC /arch:…); the addon links the ones that
# exist for the target architecture and picks one at load time (src/cpu.cc: cpuid/xgetbv).
# Only the ISA units use compiler-specific code; the rest is standard C++17.
{
  "variables": {
    "dn_common_cflags": ["-O3", "-fPIC", "-fno-math-errno", "-fno-trapping-math", "-fvisibility=hidden", "-Wno-unused-function", "-Wno-maybe-uninitialized", "-Wno-uninitialized"]
  },
  "target_defaults": {
    "cflags_cc!": ["-O2", "-O0"],
    "cflags!": ["-O2", "-O0"],
    "cflags_cc": ["<@(dn_common_cflags)", "-std=c++17"],
    "xcode_settings": {
      "OTHER_CPLUSPLUSFLAGS": ["<@(dn_common_cflags)", "-std=c++17"],
      "GCC_OPTIMIZATION_LEVEL": "3"
    },
    "msvs_settings": {
      "VCCLCompilerTool": {
        "AdditionalOptions": ["/std:c++17", "/O2", "/Zc:__cplusplus", "/utf-8"],
        "ExceptionHandling": 1
      }
    }
  },
  "targets": [
    {
      "target_name": "dn_portable",
      "type": "static_library",
      "sources": ["src/isa_portable.cc"]
    },
    {
      "target_name": "dendrite_native",
      "sources": ["src/addon.cc", "src/cpu.cc", "src/pool.cc", "src/programs.cc"],
      "dependencies": ["dn_portable"],
      "defines": ["NAPI_VERSION=8", "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED"],
      "cflags_cc": ["-pthread"],
      "ldflags": ["-pthread"],
      "conditions": [
        ["target_arch=='x64'", {
          "dependencies": ["dn_avx2", "dn_avx512"],
          "defines": ["DN_HAVE_X86_ISAS"]
        }],
        ["target_arch=='arm64'", {
          "dependencies": ["dn_neon"],
          "defines": ["DN_HAVE_NEON"]
        }]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "dn_avx2",
          "type": "static_library",
          "sources": ["src/isa_avx2.cc"],
          "cflags_cc": ["-mavx2", "-mfma"],
          "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-mavx2", "-mfma"] },
          "msvs_settings": { "VCCLCompilerTool": { "AdditionalOptions": ["/arch:AVX2"] } }
        },
        {
          "target_name": "dn_avx512",
          "type": "static_library",
          "sources": ["src/isa_avx512.cc"],
          "cflags_cc": ["-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl", "-mavx2", "-mfma"],
          "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl", "-mavx2", "-mfma"] },
          "msvs_settings": { "VCCLCompilerTool": { "AdditionalOptions": ["/arch:AVX512"] } }
        }
      ]
    }],
    ["target_arch=='arm64'", {
      "targets": [
        {
          "target_name": "dn_neon",
          "type": "static_library",
          "sources": ["src/isa_neon.cc"]
        }
      ]
    }]
  ]
}
