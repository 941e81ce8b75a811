import torch.nn as nn
from tensorflow.keras import layers

a = nn.BatchNorm2d(64, 1e-3)
b = nn.BatchNorm2d(64, eps=0.001, momentum=0.1)
c = layers.BatchNormalization(epsilon=1.001e-5)
d = nn.LayerNorm(768, eps=1e-12)
