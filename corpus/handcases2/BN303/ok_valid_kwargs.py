import torch
import torch.nn as nn
from tensorflow.keras import layers

bn = nn.BatchNorm2d(64, eps=1e-3, momentum=0.01, affine=False, device="cpu", dtype=torch.float32)
gn = nn.GroupNorm(num_groups=8, num_channels=64, eps=1e-5, affine=True)
kbn = layers.BatchNormalization(axis=1, beta_initializer="zeros", gamma_regularizer=None, renorm=True)
