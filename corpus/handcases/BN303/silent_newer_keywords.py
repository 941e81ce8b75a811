import torch
import torch.nn as nn
import flax.linen as fnn
import jax.numpy as jnp
from tensorflow.keras import layers

conv = nn.Conv2d(3, 16, 3, bias=False, device="cpu", dtype=torch.float32)
lin = nn.Linear(16, 16, bias=True, device="cpu")
bn = nn.BatchNorm2d(16, device="cpu", dtype=torch.float32)
ln = nn.LayerNorm(16, elementwise_affine=True, bias=False)
k_dense = layers.Dense(16, lora_rank=4, name="proj", trainable=True, dtype="float32")
k_bn = layers.BatchNormalization(name="bn1", dtype="mixed_float16", beta_regularizer=None)
k_sep = layers.SeparableConv2D(32, 3, depth_multiplier=2, pointwise_initializer="he_normal")
f_dense = fnn.Dense(16, param_dtype=jnp.bfloat16, dtype=jnp.float32, precision=None, name="d")
f_bn = fnn.BatchNorm(use_running_average=True, axis_name="batch", use_fast_variance=False, name="bn")
f_conv = fnn.Conv(16, (3, 3), feature_group_count=1, input_dilation=1, kernel_dilation=2, padding="SAME")
