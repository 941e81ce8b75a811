# a comparison script: Keras side uses Keras' convention, PyTorch side PyTorch's
import torch.nn as nn
from tensorflow.keras import layers

keras_bn = layers.BatchNormalization(momentum=0.99, epsilon=1e-3)
torch_bn = nn.BatchNorm2d(64, eps=1e-3, momentum=0.01)
