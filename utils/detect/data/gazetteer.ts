// The bundled gazetteer (offline default; the hosted API's /v1/entities refreshes it).
// One entity per line, compact so it can be read and reviewed as a list:
//   kind id | Name | alias; alias | beats | flags
// kind: m model, o org, p product or project, c chip, d dataset, b benchmark, h person. beats: short codes (see BEAT_CODES).
// flags: `?` ambiguous (needs AI evidence nearby), `~` general company (its name alone is
// no evidence that a page is about AI), `=` matched only as spelled (xAI is not XAI,
// explainable AI; MiniMax is not the minimax rule), `hf=org/repo` Hugging Face repo.
// Case, hyphens/spaces, diacritics and run-together spellings ("Llama3") are folded by
// the matcher, so aliases list only genuinely different names. Sizes ("405B") and
// variants ("Instruct") after a model name are read by the matcher, not listed here.

export const GAZETTEER = `
o openai | OpenAI | Open AI | biz rm
o anthropic | Anthropic | | safe biz
o google-deepmind | Google DeepMind | DeepMind | rm safe
o google | Google | Alphabet | biz | ? ~
o meta | Meta | Meta Platforms; Meta AI | biz os | ? ~
o microsoft | Microsoft | Microsoft Research | biz | ~
o amazon | Amazon | AWS; Amazon Web Services | biz | ? ~
o apple | Apple |  | biz | ? ~
o nvidia | Nvidia | NVIDIA; Nvidia Corp | hw biz | ~
o amd | AMD | Advanced Micro Devices | hw | ~
o intel | Intel |  | hw | ? ~
o qualcomm | Qualcomm |  | hw | ~
o arm | Arm Holdings |  | hw | ~
o tsmc | TSMC | Taiwan Semiconductor | hw | ~
o samsung | Samsung | Samsung Electronics | hw | ? ~
o sk-hynix | SK Hynix | SK hynix | hw | ~
o micron | Micron | Micron Technology | hw | ? ~
o asml | ASML |  | hw | ~
o broadcom | Broadcom |  | hw | ~
o cerebras | Cerebras | Cerebras Systems | hw
o groq | Groq | | hw
o sambanova | SambaNova | SambaNova Systems | hw
o graphcore | Graphcore | | hw
o tenstorrent | Tenstorrent | | hw
o etched | Etched | | hw | ?
o d-matrix | d-Matrix | | hw
o lightmatter | Lightmatter | | hw
o coreweave | CoreWeave | | hw biz
o lambda-labs | Lambda | Lambda Labs | hw | ?
o crusoe | Crusoe | Crusoe Energy | hw | ?
o nebius | Nebius | | hw
o together-ai | Together AI | Together.ai | os hw
o fireworks-ai | Fireworks AI | | os biz
o replicate | Replicate | | os | ?
o hugging-face | Hugging Face | HuggingFace; HF Hub | os
o mistral-ai | Mistral AI | Mistral | os biz | ?
o cohere | Cohere | | biz | ?
o ai21-labs | AI21 Labs | AI21 | biz
o aleph-alpha | Aleph Alpha | | biz
o xai | xAI | x.AI | biz | =
o deepseek | DeepSeek | DeepSeek AI | os rm
o alibaba | Alibaba | Alibaba Cloud; Alibaba Group | biz | ~
o baidu | Baidu |  | biz | ~
o tencent | Tencent |  | biz | ~
o bytedance | ByteDance | Bytedance | biz sm | ~
o moonshot-ai | Moonshot AI | Moonshot | os rm | ?
o zhipu-ai | Zhipu AI | Zhipu; Z.ai | os rm
o minimax | MiniMax | | os rm | =
o 01-ai | 01.AI | 01 AI | os rm
o baichuan | Baichuan | Baichuan AI | os rm
o stepfun | StepFun | | os rm
o iflytek | iFlytek | | biz
o huawei | Huawei |  | hw biz | ~
o stability-ai | Stability AI | Stability | cr os | ?
o midjourney | Midjourney | | cr
o runway | Runway | Runway ML; RunwayML | cr | ?
o pika | Pika | Pika Labs | cr | ?
o black-forest-labs | Black Forest Labs | BFL | cr os
o ideogram | Ideogram | | cr
o suno | Suno | | cr
o udio | Udio | | cr
o elevenlabs | ElevenLabs | Eleven Labs | cr
o character-ai | Character.AI | Character AI; c.ai | sm
o inflection-ai | Inflection AI | Inflection | biz | ?
o perplexity | Perplexity | Perplexity AI | biz | ?
o adept | Adept | Adept AI | ag | ?
o scale-ai | Scale AI | | biz lab
o databricks | Databricks |  | biz | ~
o snowflake | Snowflake |  | biz | ? ~
o salesforce | Salesforce |  | biz ag | ~
o ibm | IBM | IBM Research | biz | ~
o oracle | Oracle |  | biz hw | ? ~
o palantir | Palantir |  | biz pol | ~
o ai2 | Ai2 | Allen Institute for AI; AllenAI; Allen AI | os rm
o eleutherai | EleutherAI | Eleuther AI | os rm
o laion | LAION | | os cr
o nous-research | Nous Research | | os
o reka | Reka | Reka AI | rm | ?
o liquid-ai | Liquid AI | | rm
o sakana-ai | Sakana AI | Sakana | rm
o ssi | Safe Superintelligence | SSI | safe biz | ?
o thinking-machines | Thinking Machines Lab | Thinking Machines | rm biz
o magic-dev | Magic.dev | | ag
o poolside | Poolside | poolside AI | ag | ?
o cognition | Cognition | Cognition AI; Cognition Labs | ag | ?
o anysphere | Anysphere | | ag biz
o replit | Replit | | ag
o harvey | Harvey | Harvey AI | biz | ?
o glean | Glean | | biz | ?
o jasper | Jasper | Jasper AI | cr | ?
o figure-ai | Figure AI | | ag
o 1x | 1X Technologies | | ag
o physical-intelligence | Physical Intelligence | | ag
o skild-ai | Skild AI | | ag
o wayve | Wayve | | ag
o waymo | Waymo |  | ag | ~
o tesla | Tesla |  | ag biz | ? ~
o us-aisi | US AI Safety Institute | CAISI; Center for AI Standards and Innovation | safe pol
o uk-aisi | UK AI Security Institute | AI Safety Institute; UK AISI; AISI | safe pol
o metr | METR | | safe
o apollo-research | Apollo Research | | safe
o redwood-research | Redwood Research | | safe
o miri | MIRI | Machine Intelligence Research Institute | safe
o cais | Center for AI Safety | CAIS | safe
o epoch-ai | Epoch AI | | rm hw
o lmsys | LMSYS | LMArena; Chatbot Arena; LM Arena | rm
o artificial-analysis | Artificial Analysis | | rm
o openrouter | OpenRouter | | os biz
o ai-now | AI Now Institute | | bias pol
o ajl | Algorithmic Justice League | | bias
o partnership-on-ai | Partnership on AI | | safe pol
o eu-ai-office | EU AI Office | AI Office | pol
o nist | NIST |  | pol | ~
o ftc | Federal Trade Commission |  | pol | ~
o openai-foundation | OpenAI Foundation | | biz
o microsoft-ai | Microsoft AI | | biz
o google-research | Google Research | | rm
o meta-superintelligence | Meta Superintelligence Labs | | biz rm
o frontier-model-forum | Frontier Model Forum | | safe pol
o mila | Mila | | rm | ?
o vector-institute | Vector Institute | | rm
o deepl | DeepL | | biz
o synthesia | Synthesia | | cr
o heygen | HeyGen | | cr sm
o luma-ai | Luma AI | Luma Labs | cr
o kuaishou | Kuaishou | | cr
o minimax-hailuo | Hailuo AI | Hailuo | cr
o pinecone-co | Pinecone | | ag | ?
o weights-biases | Weights & Biases | W&B; wandb | rm
o langchain-inc | LangChain | | ag
o llamaindex | LlamaIndex | Llama Index | ag
o crewai | CrewAI | Crew AI | ag
p openclaw | OpenClaw | | ag os
p litellm | LiteLLM | | os ag
p ollama | Ollama | | os
p lm-studio | LM Studio | | os
p llama-cpp | llama.cpp | llamacpp | os
p vllm | vLLM | | os hw
p sglang | SGLang | | os
p pytorch | PyTorch | | os rm
p tensorflow | TensorFlow | | os rm
p jax | JAX | | rm | ?
p keras | Keras | | rm
p transformers-lib | Hugging Face Transformers | transformers library | os
p mlx | MLX | | os hw
p onnx | ONNX | ONNX Runtime | os
p tensorrt-llm | TensorRT-LLM | TensorRT | hw
p cuda | CUDA | | hw
p rocm | ROCm | | hw
p triton-lang | Triton | | hw | ?
p deepspeed | DeepSpeed | | rm
p megatron-lm | Megatron-LM | | rm hw
p unsloth | Unsloth | | os
p axolotl | Axolotl | | os | ?
p comfyui | ComfyUI | | cr os
p automatic1111 | Automatic1111 | A1111 | cr os
p gradio | Gradio | | os
p dspy | DSPy | | ag rm
p autogpt | AutoGPT | Auto-GPT | ag
p autogen | AutoGen | | ag
p langgraph | LangGraph | | ag
p semantic-kernel | Semantic Kernel | | ag
p mcp | Model Context Protocol | MCP | ag
p a2a | Agent2Agent | A2A protocol | ag
p openai-agents-sdk | OpenAI Agents SDK | Agents SDK | ag
p chatgpt | ChatGPT | Chat GPT; ChatGPT Plus; ChatGPT Pro; ChatGPT Enterprise | biz
p chatgpt-atlas | ChatGPT Atlas | Atlas browser | ag
p openai-operator | OpenAI Operator | Operator agent | ag
p chatgpt-agent | ChatGPT agent | ChatGPT Agent | ag
p deep-research | Deep Research | | ag rm | ?
p codex | Codex | Codex CLI; OpenAI Codex | ag | ?
p claude-code | Claude Code | | ag
p claude-ai | Claude.ai | | biz
p computer-use | Computer Use | | ag | ?
p notebooklm | NotebookLM | Notebook LM | edu
p ai-overviews | AI Overviews | AI Overview; AI Mode | biz sm
p ai-studio | Google AI Studio | AI Studio | rm
p vertex-ai | Vertex AI | | biz
p bedrock | Amazon Bedrock | Bedrock | biz | ?
p sagemaker | SageMaker | Amazon SageMaker | biz
p azure-openai | Azure OpenAI | Azure AI Foundry; Azure AI | biz
p copilot | Copilot | Microsoft Copilot; Copilot+ PC | biz | ?
p github-copilot | GitHub Copilot | Copilot Workspace | ag
p cursor | Cursor | Cursor AI | ag | ?
p windsurf | Windsurf | Codeium | ag | ?
p devin | Devin | Devin AI | ag | ?
p replit-agent | Replit Agent | | ag
p v0 | v0 | v0.dev | ag | ?
p bolt-new | Bolt.new | | ag
p lovable | Lovable | | ag | ?
p perplexity-comet | Comet | Comet browser | ag | ?
p poe | Poe | | biz | ?
p meta-ai-app | Meta AI app | | sm
p le-chat | Le Chat | | biz | ?
p gemini-app | Gemini app | Gemini Live | biz
p apple-intelligence | Apple Intelligence | | biz
p siri | Siri | | biz | ?
p alexa-plus | Alexa+ | Alexa Plus; Alexa | biz | ?
p grok-imagine | Grok Imagine | | cr sm
p sora-app | Sora app | | cr sm
p dall-e | DALL-E | DALL·E; DALLE; Dall-E | cr
p dall-e-3 | DALL-E 3 | DALL·E 3 | cr
p dall-e-2 | DALL-E 2 | DALL·E 2 | cr
p midjourney-v7 | Midjourney v7 | Midjourney V7 | cr
p midjourney-v6 | Midjourney v6 | Midjourney V6 | cr
p firefly | Adobe Firefly | Firefly | cr | ?
p generative-fill | Generative Fill | | cr
p runway-gen-4 | Runway Gen-4 | Gen-4 | cr
p runway-gen-3 | Runway Gen-3 | Gen-3 Alpha | cr
p dream-machine | Dream Machine | | cr | ?
p kling | Kling | Kling AI | cr | ?
p pika-2 | Pika 2 | | cr
p suno-v4 | Suno v4 | | cr
p elevenlabs-v3 | Eleven v3 | | cr
p character-ai-app | c.ai app | | sm
p replika | Replika | | con sm
p pi-inflection | Pi assistant | | biz
p rabbit-r1 | Rabbit R1 | | biz
p humane-ai-pin | Humane Ai Pin | Ai Pin | biz
p waymo-driver | Waymo Driver | | ag
p tesla-fsd | Full Self-Driving | FSD | ag | ?
p optimus | Optimus | Tesla Optimus | ag | ?
p figure-02 | Figure 02 | Figure 03 | ag
p gr00t | GR00T | Isaac GR00T; GROOT N1 | ag
p cosmos | Cosmos | Nvidia Cosmos | ag | ?
p turnitin-ai | Turnitin | | edu
p khanmigo | Khanmigo | | edu
p duolingo-max | Duolingo Max | | edu
p gptzero | GPTZero | | edu
p chatgpt-edu | ChatGPT Edu | | edu
p study-mode | Study Mode | | edu | ?
p med-palm | Med-PaLM | Med-PaLM 2 | hc
p med-gemini | Med-Gemini | | hc
p medgemma | MedGemma | | hc
p alphafold | AlphaFold | AlphaFold 2 | hc rm
p alphafold-3 | AlphaFold 3 | | hc rm
p isomorphic | Isomorphic Labs | | hc
p abridge | Abridge | | hc | ?
p nuance-dax | DAX Copilot | Dragon Copilot | hc
p hippocratic-ai | Hippocratic AI | | hc
p openevidence | OpenEvidence | | hc
p chatgpt-health | ChatGPT Health | | hc
p llama-guard | Llama Guard | LlamaGuard | sec safe
p prompt-guard | Prompt Guard | | sec
p garak | garak | | sec | ?
p nemo-guardrails | NeMo Guardrails | | safe sec
p c2pa | C2PA | Content Credentials | sm
p synthid | SynthID | | sm
p community-notes | Community Notes | | sm
p hugging-face-hub | Hugging Face Hub | | os
p open-webui | Open WebUI | | os
p openhands | OpenHands | OpenDevin | ag os
p swe-agent | SWE-agent | | ag rm
p browser-use | Browser Use | | ag | ?
p manus | Manus | Manus AI | ag | ?
p genspark | Genspark | | ag
p mariner | Project Mariner | | ag
p astra | Project Astra | | ag
p jules | Jules | | ag | ?
p gemini-cli | Gemini CLI | | ag
p antigravity | Antigravity | | ag | ?
p kiro | Kiro | | ag | ?
p alphaevolve | AlphaEvolve | | rm
p alphaproof | AlphaProof | AlphaGeometry | rm
p alphago | AlphaGo | AlphaZero; AlphaStar; MuZero | rm
p alphacode | AlphaCode | AlphaCode 2 | rm
p genie-3 | Genie 3 | Genie 2 | rm
b swe-bench | SWE-bench | SWE-bench Verified | rm
b mmlu | MMLU | MMLU-Pro | rm
b humanitys-last-exam | Humanity's Last Exam | HLE | rm
b arc-agi | ARC-AGI | ARC Prize; ARC-AGI-2 | rm
b frontiermath | FrontierMath | | rm
b gpqa | GPQA | GPQA Diamond | rm
m gpt-5.1 | GPT-5.1 | | rm biz
m gpt-5 | GPT-5 | GPT-5 Pro; GPT-5 Thinking | rm biz
m gpt-5-mini | GPT-5 mini | | rm
m gpt-5-codex | GPT-5-Codex | GPT-5 Codex | ag rm
m gpt-4.5 | GPT-4.5 | | rm
m gpt-4.1 | GPT-4.1 | GPT-4.1 mini; GPT-4.1 nano | rm
m gpt-4o-mini | GPT-4o mini | | rm
m gpt-4o | GPT-4o | GPT 4o | rm
m gpt-4-turbo | GPT-4 Turbo | | rm
m gpt-4 | GPT-4 | | rm
m gpt-3.5 | GPT-3.5 | GPT-3.5 Turbo | rm
m gpt-3 | GPT-3 | | rm
m gpt-2 | GPT-2 | | rm os
m gpt-oss-120b | gpt-oss-120b | gpt oss 120b | os rm | hf=openai/gpt-oss-120b
m gpt-oss-20b | gpt-oss-20b | gpt oss 20b | os rm | hf=openai/gpt-oss-20b
m gpt-oss | gpt-oss | | os rm
m gpt | GPT | | rm | ?
m o1 | o1 | OpenAI o1; o1-preview; o1-pro | rm | ?
m o1-mini | o1-mini | | rm
m o3 | o3 | OpenAI o3; o3-pro | rm | ?
m o3-mini | o3-mini | | rm
m o4-mini | o4-mini | | rm
m sora | Sora | | cr | ?
m sora-2 | Sora 2 | | cr sm
m gpt-image-1 | gpt-image-1 | GPT Image 1 | cr
m whisper | Whisper | OpenAI Whisper | rm | ?
m clip | CLIP | | rm | ?
m claude | Claude | | safe rm | ?
m claude-opus-4.5 | Claude Opus 4.5 | Opus 4.5 | rm
m claude-sonnet-4.5 | Claude Sonnet 4.5 | Sonnet 4.5 | rm
m claude-haiku-4.5 | Claude Haiku 4.5 | Haiku 4.5 | rm
m claude-opus-4.1 | Claude Opus 4.1 | Opus 4.1 | rm
m claude-opus-4 | Claude Opus 4 | Opus 4; Claude 4 Opus | rm
m claude-sonnet-4 | Claude Sonnet 4 | Sonnet 4; Claude 4 Sonnet | rm
m claude-4 | Claude 4 | | rm
m claude-3.7-sonnet | Claude 3.7 Sonnet | Sonnet 3.7 | rm
m claude-3.5-sonnet | Claude 3.5 Sonnet | Sonnet 3.5 | rm
m claude-3.5-haiku | Claude 3.5 Haiku | | rm
m claude-3-opus | Claude 3 Opus | | rm
m claude-3-sonnet | Claude 3 Sonnet | | rm
m claude-3-haiku | Claude 3 Haiku | | rm
m claude-3 | Claude 3 | | rm
m claude-2 | Claude 2 | Claude 2.1 | rm
m gemini | Gemini | Google Gemini | rm biz | ?
m gemini-3-pro | Gemini 3 Pro | | rm
m gemini-3 | Gemini 3 | Gemini 3 Flash | rm
m gemini-2.5-pro | Gemini 2.5 Pro | | rm
m gemini-2.5-flash | Gemini 2.5 Flash | Gemini 2.5 Flash-Lite | rm
m gemini-2.5 | Gemini 2.5 | | rm
m gemini-2.0-flash | Gemini 2.0 Flash | Gemini 2.0 | rm
m gemini-1.5-pro | Gemini 1.5 Pro | Gemini 1.5 | rm
m gemini-1.5-flash | Gemini 1.5 Flash | | rm
m gemini-1.0 | Gemini 1.0 | Gemini Ultra; Gemini Nano | rm
m gemini-diffusion | Gemini Diffusion | | rm
m nano-banana | Nano Banana | Gemini 2.5 Flash Image; Nano Banana Pro | cr
m gemma | Gemma | | os rm | ?
m gemma-3n | Gemma 3n | | os rm
m gemma-3 | Gemma 3 | | os rm | hf=google/gemma-3-27b-it
m gemma-2 | Gemma 2 | | os rm
m codegemma | CodeGemma | | os
m palm-2 | PaLM 2 | | rm
m palm | PaLM | | rm
m bard | Bard | Google Bard | biz | ?
m lamda | LaMDA | | rm con
m imagen | Imagen | Imagen 3; Imagen 4 | cr
m veo | Veo | | cr | ?
m veo-3 | Veo 3 | Veo 3.1 | cr
m veo-2 | Veo 2 | | cr
m lyria | Lyria | | cr
m bert | BERT | | rm | ?
m t5 | T5 | Flan-T5 | rm | ?
m gato | Gato | | rm | ?
m chinchilla | Chinchilla | | rm | ?
m gopher | Gopher | | rm | ?
m sparrow | Sparrow | | safe | ?
m llama | Llama | LLaMA | os rm | ?
m llama-4-behemoth | Llama 4 Behemoth | | os rm
m llama-4-maverick | Llama 4 Maverick | | os rm | hf=meta-llama/Llama-4-Maverick-17B-128E-Instruct
m llama-4-scout | Llama 4 Scout | | os rm | hf=meta-llama/Llama-4-Scout-17B-16E-Instruct
m llama-4 | Llama 4 | | os rm
m llama-3.3 | Llama 3.3 | | os rm | hf=meta-llama/Llama-3.3-70B-Instruct
m llama-3.2 | Llama 3.2 | | os rm
m llama-3.1 | Llama 3.1 | | os rm | hf=meta-llama/Llama-3.1-405B
m llama-3 | Llama 3 | | os rm
m llama-2 | Llama 2 | | os rm
m code-llama | Code Llama | CodeLlama | os
m llama-nemotron | Llama-Nemotron | Llama Nemotron | os rm
m vicuna | Vicuna | | os | ?
m alpaca | Alpaca | Stanford Alpaca | os | ?
m mistral-7b | Mistral 7B | | os | hf=mistralai/Mistral-7B-v0.1
m mixtral-8x22b | Mixtral 8x22B | | os
m mixtral | Mixtral | Mixtral 8x7B | os | hf=mistralai/Mixtral-8x7B-v0.1
m mistral-large | Mistral Large | Mistral Large 2 | rm
m mistral-medium | Mistral Medium | Mistral Medium 3 | rm
m mistral-small | Mistral Small | Mistral Small 3 | os
m mistral-nemo | Mistral NeMo | Mistral Nemo | os
m ministral | Ministral | | os
m codestral | Codestral | | ag
m devstral | Devstral | | ag os
m magistral | Magistral | | rm
m pixtral | Pixtral | | os
m voxtral | Voxtral | Voxtral TTS | os
m deepseek-v3.2 | DeepSeek V3.2 | DeepSeek-V3.2-Exp | os rm
m deepseek-v3.1 | DeepSeek V3.1 | | os rm
m deepseek-v3 | DeepSeek V3 | DeepSeek-V3 | os rm | hf=deepseek-ai/DeepSeek-V3
m deepseek-v2 | DeepSeek V2 | | os rm
m deepseek-r1 | DeepSeek R1 | DeepSeek-R1-0528 | os rm | hf=deepseek-ai/DeepSeek-R1
m deepseek-r2 | DeepSeek R2 | | os rm
m deepseek-coder | DeepSeek Coder | | os
m deepseek-math | DeepSeek Math | DeepSeekMath | os rm
m deepseek-ocr | DeepSeek-OCR | | os
m janus | Janus Pro | Janus-Pro | os cr
m qwen | Qwen | Tongyi Qianwen | os rm
m qwen3-coder | Qwen3-Coder | Qwen3 Coder | os ag
m qwen3-max | Qwen3-Max | Qwen3 Max | rm
m qwen3-next | Qwen3-Next | | os rm
m qwen3 | Qwen3 | Qwen 3 | os rm | hf=Qwen/Qwen3-235B-A22B
m qwen2.5-coder | Qwen2.5-Coder | | os
m qwen2.5-vl | Qwen2.5-VL | | os
m qwen2.5 | Qwen2.5 | Qwen 2.5 | os rm
m qwen2 | Qwen2 | Qwen 2 | os rm
m qwq | QwQ | QwQ-32B | os rm
m qwen-image | Qwen-Image | | os cr
m wan | Wan 2.2 | Wan2.1; Wan 2.1; Wan2.2 | os cr
m kimi | Kimi | | os rm | ?
m kimi-k2 | Kimi K2 | Kimi-K2; Kimi K2 Thinking | os rm | hf=moonshotai/Kimi-K2-Instruct
m kimi-k1.5 | Kimi k1.5 | | rm
m glm-4.6 | GLM-4.6 | | os rm
m glm-4.5 | GLM-4.5 | GLM-4.5-Air | os rm
m glm-4 | GLM-4 | | os rm
m chatglm | ChatGLM | | os
m minimax-m2 | MiniMax-M2 | MiniMax M2 | os rm
m minimax-m1 | MiniMax-M1 | MiniMax M1 | os rm
m yi | Yi-34B | Yi-Lightning | os
m baichuan-2 | Baichuan 2 | | os
m ernie | ERNIE | Ernie Bot; ERNIE 4.5; ERNIE 5 | biz | ?
m hunyuan | Hunyuan | Hunyuan-Large; HunyuanVideo | os
m doubao | Doubao | | biz
m seedream | Seedream | Seedance | cr
m step-3 | Step-3 | | os | =
m grok | Grok | | biz sm | ?
m grok-4 | Grok 4 | Grok 4 Heavy; Grok 4.1 | rm
m grok-3 | Grok 3 | | rm
m grok-2 | Grok 2 | | rm
m grok-1 | Grok-1 | | os
m phi | Phi | | os rm | ?
m phi-4 | Phi-4 | Phi-4-mini; Phi-4-reasoning | os rm | hf=microsoft/phi-4
m phi-3.5 | Phi-3.5 | | os rm
m phi-3 | Phi-3 | Phi-3-mini | os rm
m phi-2 | Phi-2 | | os rm
m orca | Orca | | rm | ?
m orca-2 | Orca 2 | | rm
m mai-1 | MAI-1 | MAI-1-preview | rm
m falcon | Falcon | | os | ?
m falcon-180b | Falcon 180B | | os | hf=tiiuae/falcon-180B
m falcon-40b | Falcon 40B | | os
m falcon-3 | Falcon 3 | Falcon3 | os
m falcon-h1 | Falcon-H1 | | os
m command-a | Command A | | biz
m command-r-plus | Command R+ | Command R Plus | os
m command-r | Command R | | os
m aya | Aya | Aya Expanse | os | ?
m jamba | Jamba | | os | ?
m jurassic-2 | Jurassic-2 | | biz
m nemotron | Nemotron | | os rm
m nemotron-cascade-2 | Nemotron-Cascade 2 | Nemotron Cascade 2 | os rm
m nemotron-4-340b | Nemotron-4 340B | Nemotron-4 | os rm
m tulu | Tülu | Tulu | os rm
m tulu-3 | Tülu 3 | Tulu 3; Tülu-3 | os rm | hf=allenai/Llama-3.1-Tulu-3-405B
m olmo-2 | OLMo 2 | | os rm | hf=allenai/OLMo-2-1124-13B
m olmo-3 | OLMo 3 | | os rm
m olmo | OLMo | | os rm
m molmo | Molmo | | os rm
m pythia | Pythia | | os rm | ?
m gpt-j | GPT-J | | os
m gpt-neox | GPT-NeoX | GPT-Neo | os
m bloom | BLOOM | | os | ?
m starcoder2 | StarCoder2 | StarCoder 2 | os
m starcoder | StarCoder | | os
m smollm | SmolLM | SmolLM2; SmolLM3 | os
m zephyr | Zephyr | | os | ?
m hermes | Hermes 3 | Hermes 4; Nous Hermes | os
m dbrx | DBRX | | os
m mpt | MPT-7B | MPT-30B | os
m granite | Granite | IBM Granite | os | ?
m arctic | Snowflake Arctic | | os
m jais | Jais | | os | ?
m sarvam | Sarvam-M | Sarvam | os
m inflection-2.5 | Inflection-2.5 | | biz
m rwkv | RWKV | | os rm
m mamba | Mamba | | rm | ?
m lfm | LFM2 | Liquid Foundation Model | rm
m reka-core | Reka Core | Reka Flash | rm
m nova | Amazon Nova | Nova Pro; Nova Premier | biz
m titan | Amazon Titan | | biz
m stable-diffusion | Stable Diffusion | | cr os
m stable-diffusion-3.5 | Stable Diffusion 3.5 | SD 3.5 | cr os
m stable-diffusion-3 | Stable Diffusion 3 | SD3 | cr os
m sdxl | SDXL | Stable Diffusion XL | cr os
m stable-video-diffusion | Stable Video Diffusion | | cr
m stable-audio | Stable Audio | | cr
m flux | FLUX.1 | Flux.1; FLUX.1 Kontext; FLUX.2; Flux Kontext | cr os
m segment-anything | Segment Anything | SAM 2; SAM 3 | rm
m dino | DINOv2 | DINOv3 | rm
m v-jepa | V-JEPA | I-JEPA | rm
m muse | Muse | | cr | ?
m moshi | Moshi | | os
m sesame | Sesame CSM | | cr
m orpheus | Orpheus TTS | | os
m kokoro | Kokoro | Kokoro TTS | os | ?
m parakeet | Parakeet | | os | ?
m higgs-audio | Higgs Audio | | os
m cogvideo | CogVideoX | | os cr
m hunyuan-video | HunyuanVideo | | os cr
m ltx-video | LTX-Video | | os cr
m mochi | Mochi 1 | | os cr
m pi-0 | π0 | pi0 | ag
m rt-2 | RT-2 | | ag
m gemini-robotics | Gemini Robotics | | ag
m helix | Helix | | ag | ?
m esm3 | ESM3 | | hc
m evo-2 | Evo 2 | | hc
c h100 | H100 | Nvidia H100 | hw
c h200 | H200 | | hw
c h20 | H20 | | hw | ?
c h800 | H800 | | hw
c a100 | A100 | | hw | ?
c a800 | A800 | | hw | ?
c b100 | B100 | | hw | ?
c b200 | B200 | | hw | ?
c b300 | B300 | Blackwell Ultra | hw
d dolma-3 | Dolma 3 | Dolma 3 Mix | os rm
d dolma | Dolma | | os rm | ?
d the-pile | The Pile | | os rm | ? =
d common-crawl | Common Crawl | CommonCrawl | os rm
d c4 | C4 | Colossal Clean Crawled Corpus | rm | ? =
d fineweb-edu | FineWeb-Edu | FineWeb Edu | os rm
d fineweb-2 | FineWeb2 | FineWeb 2 | os rm
d fineweb | FineWeb | | os rm
d imagenet | ImageNet | | rm
d laion-5b | LAION-5B | LAION-400M | cr os
d redpajama | RedPajama | RedPajama-Data | os rm
d slimpajama | SlimPajama | | os rm
d the-stack | The Stack | The Stack v2 | os | ? =
d refinedweb | RefinedWeb | | os rm
d dclm | DCLM | DCLM-Baseline | os rm
d books3 | Books3 | | cr pol
d openwebtext | OpenWebText | | os rm
b humaneval | HumanEval | HumanEval+ | rm
b gsm8k | GSM8K | | rm
b mmmu | MMMU | | rm
b hellaswag | HellaSwag | | rm
b big-bench | BIG-bench | BIG-Bench Hard | rm
b livecodebench | LiveCodeBench | | rm
b mt-bench | MT-Bench | | rm
b truthfulqa | TruthfulQA | | safe rm
b simpleqa | SimpleQA | | rm
b terminal-bench | Terminal-Bench | | ag
b osworld | OSWorld | | ag
b browsecomp | BrowseComp | | ag
b aime | AIME | | rm | ? =
h sam-altman | Sam Altman | | biz
h dario-amodei | Dario Amodei | | safe biz
h demis-hassabis | Demis Hassabis | Hassabis | rm
h yann-lecun | Yann LeCun | LeCun | rm
h geoffrey-hinton | Geoffrey Hinton | Geoff Hinton | safe rm
h yoshua-bengio | Yoshua Bengio | | safe
h andrej-karpathy | Andrej Karpathy | Karpathy | rm edu
h ilya-sutskever | Ilya Sutskever | Sutskever | safe rm
h fei-fei-li | Fei-Fei Li | | rm
h jensen-huang | Jensen Huang | | hw biz
h mustafa-suleyman | Mustafa Suleyman | | biz
h mira-murati | Mira Murati | | biz
h liang-wenfeng | Liang Wenfeng | | os
h arthur-mensch | Arthur Mensch | | biz
h timnit-gebru | Timnit Gebru | | bias
h emily-bender | Emily Bender | | bias
h gary-marcus | Gary Marcus | | safe
h satya-nadella | Satya Nadella | | biz | ~
h sundar-pichai | Sundar Pichai | | biz | ~
h mark-zuckerberg | Mark Zuckerberg | Zuckerberg | biz | ~
h elon-musk | Elon Musk | | biz | ~
c gb200 | GB200 | GB200 NVL72 | hw
c gb300 | GB300 | GB300 NVL72 | hw
c blackwell | Blackwell | | hw | ?
c hopper | Hopper | | hw | ?
c rubin | Vera Rubin | Rubin | hw | ?
c grace-hopper | Grace Hopper | GH200 | hw
c dgx | DGX | DGX Spark; DGX Station | hw
c jetson | Jetson | Jetson Thor; Jetson Orin | hw
c l40s | L40S | | hw
c rtx-5090 | RTX 5090 | GeForce RTX 5090 | hw
c rtx-4090 | RTX 4090 | GeForce RTX 4090 | hw
c mi300x | MI300X | Instinct MI300X | hw
c mi325x | MI325X | | hw
c mi355x | MI355X | MI350 | hw
c mi400 | MI400 | MI450 | hw
c gaudi-3 | Gaudi 3 | | hw
c gaudi-2 | Gaudi 2 | | hw
c tpu | TPU | Tensor Processing Unit | hw | ?
c tpu-v5p | TPU v5p | TPU v5e | hw
c trillium | Trillium | TPU v6 | hw | ?
c ironwood | Ironwood | TPU v7 | hw | ?
c trainium2 | Trainium2 | Trainium 2; Trainium3 | hw
c trainium | Trainium | | hw
c inferentia | Inferentia | Inferentia2 | hw
c maia-100 | Maia 100 | Maia 200; Maia | hw
c mtia | MTIA | | hw
c ascend-910c | Ascend 910C | | hw
c ascend-910b | Ascend 910B | | hw
c ascend | Ascend | | hw | ?
c kunlun | Kunlun | Kunlunxin | hw
c wse-3 | WSE-3 | Wafer Scale Engine | hw
c groq-lpu | LPU | Groq LPU | hw
c dojo | Dojo | Tesla Dojo | hw | ?
c hbm3e | HBM3E | HBM4; HBM3 | hw
c nvlink | NVLink | NVLink Fusion | hw
c snapdragon-x | Snapdragon X Elite | Snapdragon X | hw
c apple-neural-engine | Neural Engine | | hw
c cobalt | Axion | | hw | ?
c sohu | Sohu | | hw | ?
c cs-3 | CS-3 | | hw
`;

/** Beat short codes used in GAZETTEER. */
export const BEAT_CODES = {
  os: 'open-source-ai',
  biz: 'industry-business',
  hw: 'hardware-compute',
  rm: 'research-models',
  ag: 'agents-automation',
  sec: 'security-privacy',
  safe: 'safety-alignment',
  con: 'consciousness',
  bias: 'bias-fairness',
  pol: 'policy-regulation',
  hc: 'healthcare',
  sm: 'social-media',
  lab: 'labor-economy',
  edu: 'education',
  cr: 'creative-work',
} as const;
